package dev.berth.broker.problems;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusException;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authentication failures are raised by Quarkus' gRPC security interceptor before the
 * service runs; this gives them the same {@code berth-error-code} trailer as other errors.
 */
@ApplicationScoped
public class GrpcAuthProblemHandlerProvider implements AuthExceptionHandlerProvider {

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1;
    }

    @Override
    public <ReqT, RespT> AuthExceptionHandler<ReqT, RespT> createHandler(
            ServerCall.Listener<ReqT> listener, ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new AuthExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable t, ServerCall<ReqT, RespT> call, Metadata metadata) {
                StatusException status = GrpcProblems.toStatusException(t);
                call.close(status.getStatus(), status.getTrailers());
            }
        };
    }

    @Override
    public StatusException transformToStatusException(Throwable t) {
        return GrpcProblems.toStatusException(t);
    }

    @Override
    public boolean handlesException(Throwable t) {
        return true;
    }
}
