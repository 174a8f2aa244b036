package dev.berth.broker.testsupport;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Test-only: hands every failed gRPC call's status description to {@link ProblemBodyGuard}. */
@GlobalInterceptor
@ApplicationScoped
public class ProblemBodyGuardInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (!status.isOk()) {
                    ProblemBodyGuard.check("gRPC " + call.getMethodDescriptor().getFullMethodName(),
                            String.valueOf(status.getDescription()));
                }
                super.close(status, trailers);
            }
        }, headers);
    }
}
