package dev.berth.broker.problems;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;

/** Replaces Quarkus' default gRPC error translation with {@link GrpcProblems}. */
@ApplicationScoped
public class GrpcProblemHandlerProvider implements ExceptionHandlerProvider {

    @Override
    public <ReqT, RespT> ExceptionHandler<ReqT, RespT> createHandler(
            ServerCall.Listener<ReqT> listener, ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable t, ServerCall<ReqT, RespT> call, Metadata metadata) {
                StatusException status = GrpcProblems.toStatusException(t);
                call.close(status.getStatus(), status.getTrailers());
            }
        };
    }

    @Override
    public Throwable transform(Throwable t) {
        return GrpcProblems.toStatusException(t);
    }
}
