package dev.berth.broker.problems;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Exposes request metadata that services need (the idempotency key) through the gRPC {@link Context}. */
@GlobalInterceptor
@ApplicationScoped
public class GrpcMetadata implements ServerInterceptor {

    static final Metadata.Key<String> IDEMPOTENCY_KEY_HEADER = Metadata.Key.of("idempotency-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> IDEMPOTENCY_KEY = Context.key("berth-idempotency-key");

    /** The call's {@code idempotency-key} metadata entry, or null. */
    public static String idempotencyKey() {
        return IDEMPOTENCY_KEY.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String key = headers.get(IDEMPOTENCY_KEY_HEADER);
        if (key == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(IDEMPOTENCY_KEY, key), call, headers, next);
    }
}
