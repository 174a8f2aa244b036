package dev.berth.broker.testsupport;

import java.util.concurrent.TimeUnit;

import dev.berth.grpc.v1.IdentityGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

/** A plain gRPC client, as another team's program would use, against the broker under test. */
public final class GrpcCalls implements AutoCloseable {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("berth-error-code", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel =
            NettyChannelBuilder.forAddress("127.0.0.1", BrokerUnderTest.port()).usePlaintext().build();

    /** The Identity stub; {@code token} may be null for an unauthenticated call. */
    public IdentityGrpc.IdentityBlockingStub identity(String token) {
        IdentityGrpc.IdentityBlockingStub stub = IdentityGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        if (token == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A stub with a deadline and the caller's token (and idempotency key, when given) on every call. */
    private <S extends io.grpc.stub.AbstractStub<S>> S prepared(S stub, int deadlineSeconds, String token, String idempotencyKey) {
        return stub.withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(token, idempotencyKey)));
    }

    public dev.berth.grpc.v1.WorkloadsGrpc.WorkloadsBlockingStub workloads(String token) {
        return prepared(dev.berth.grpc.v1.WorkloadsGrpc.newBlockingStub(channel), 30, token, null);
    }

    public dev.berth.grpc.v1.WorkloadsGrpc.WorkloadsBlockingStub workloads(String token, String idempotencyKey) {
        return prepared(dev.berth.grpc.v1.WorkloadsGrpc.newBlockingStub(channel), 30, token, idempotencyKey);
    }

    /** Watch streams: a long deadline, since a watch lasts until the client cancels it. */
    public dev.berth.grpc.v1.EventsGrpc.EventsBlockingStub events(String token) {
        return prepared(dev.berth.grpc.v1.EventsGrpc.newBlockingStub(channel), 120, token, null);
    }

    public dev.berth.grpc.v1.AdminGrpc.AdminBlockingStub admin(String token) {
        return prepared(dev.berth.grpc.v1.AdminGrpc.newBlockingStub(channel), 30, token, null);
    }

    public dev.berth.grpc.v1.ReconciliationGrpc.ReconciliationBlockingStub reconciliation(String token) {
        return prepared(dev.berth.grpc.v1.ReconciliationGrpc.newBlockingStub(channel), 90, token, null);
    }

    public dev.berth.grpc.v1.CloudAccountsGrpc.CloudAccountsBlockingStub cloudAccounts(String token) {
        return prepared(dev.berth.grpc.v1.CloudAccountsGrpc.newBlockingStub(channel), 60, token, null);
    }

    public dev.berth.grpc.v1.PoliciesGrpc.PoliciesBlockingStub policies(String token) {
        return prepared(dev.berth.grpc.v1.PoliciesGrpc.newBlockingStub(channel), 30, token, null);
    }

    public dev.berth.grpc.v1.UsageGrpc.UsageBlockingStub usage(String token) {
        return prepared(dev.berth.grpc.v1.UsageGrpc.newBlockingStub(channel), 30, token, null);
    }

    public dev.berth.grpc.v1.ImagesGrpc.ImagesBlockingStub images(String token) {
        return prepared(dev.berth.grpc.v1.ImagesGrpc.newBlockingStub(channel), 30, token, null);
    }

    public dev.berth.grpc.v1.QuotaClassesGrpc.QuotaClassesBlockingStub quotaClasses(String token) {
        return prepared(dev.berth.grpc.v1.QuotaClassesGrpc.newBlockingStub(channel), 30, token, null);
    }

    public dev.berth.grpc.v1.TenantsGrpc.TenantsBlockingStub tenants(String token) {
        return prepared(dev.berth.grpc.v1.TenantsGrpc.newBlockingStub(channel), 60, token, null);
    }

    public dev.berth.grpc.v1.MembersGrpc.MembersBlockingStub members(String token) {
        return prepared(dev.berth.grpc.v1.MembersGrpc.newBlockingStub(channel), 30, token, null);
    }

    public dev.berth.grpc.v1.InvitationsGrpc.InvitationsBlockingStub invitations(String token) {
        return prepared(dev.berth.grpc.v1.InvitationsGrpc.newBlockingStub(channel), 30, token, null);
    }

    public dev.berth.grpc.v1.ServiceAccountsGrpc.ServiceAccountsBlockingStub serviceAccounts(String token) {
        return prepared(dev.berth.grpc.v1.ServiceAccountsGrpc.newBlockingStub(channel), 30, token, null);
    }

    private static Metadata headers(String token, String idempotencyKey) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(AUTHORIZATION, "Bearer " + token);
        }
        if (idempotencyKey != null) {
            headers.put(Metadata.Key.of("idempotency-key", Metadata.ASCII_STRING_MARSHALLER), idempotencyKey);
        }
        return headers;
    }

    public static String errorCode(StatusRuntimeException e) {
        return e.getTrailers() == null ? null : e.getTrailers().get(ERROR_CODE);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
