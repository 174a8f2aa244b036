package dev.berth.broker.quota;

import dev.berth.broker.tenants.TenantOnboarded;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.ListQuotaClassesRequest;
import dev.berth.grpc.v1.PutQuotaClassRequest;
import dev.berth.grpc.v1.QuotaClass;
import dev.berth.grpc.v1.QuotaClassLimits;
import dev.berth.grpc.v1.QuotaClassRequest;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.TenantQuotaRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The gRPC QuotaClasses service: same service, roles and error codes as /v1/admin/quota-classes. */
@QuarkusTest
class QuotaClassesGrpcTest {

    @Inject
    Event<TenantOnboarded> onboarded;

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    private static PutQuotaClassRequest gold(boolean isDefault) {
        return PutQuotaClassRequest.newBuilder().setName("gold").setDescription("gold tier").setDefault(isDefault)
                .setLimits(QuotaClassLimits.newBuilder().setLimits(Resources.newBuilder().setMilliCpu(8500)
                        .setMemoryMib(16384).setDiskGib(200)).setInstances(20).setSnapshots(15)).build();
    }

    @Test
    void adminManagesClassesOverGrpcAndTheDefaultReachesNewTenants() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            var admin = grpc.quotaClasses(Tokens.user("admin"));
            QuotaClass put = admin.putQuotaClass(gold(true));
            assertThat(put.getLimits().getMilliCpu()).isEqualTo(8500);
            assertThat(put.getInstances()).isEqualTo(20);
            assertThat(put.getSnapshots()).isEqualTo(15);
            assertThat(put.getDefault()).isTrue();
            assertThat(put.getCreatedAt().getSeconds()).isPositive();

            QuotaClass read = admin.getQuotaClass(QuotaClassRequest.newBuilder().setName("gold").build());
            assertThat(read).isEqualTo(put);
            assertThat(admin.listQuotaClasses(ListQuotaClassesRequest.getDefaultInstance()).getItemsList())
                    .extracting(QuotaClass::getName).containsExactly("gold");

            onboarded.fire(new TenantOnboarded("initech"));
            dev.berth.grpc.v1.Quota quota = grpc.admin(Tokens.user("admin"))
                    .getTenantQuota(TenantQuotaRequest.newBuilder().setTenant("initech").build());
            assertThat(quota.getLimits().getMilliCpu()).isEqualTo(8500);
            assertThat(quota.getSnapshotLimit()).isEqualTo(15);
            assertThat(quota.getQuotaClass()).isEqualTo("gold");

            admin.deleteQuotaClass(QuotaClassRequest.newBuilder().setName("gold").build());
            StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.getQuotaClass(QuotaClassRequest.newBuilder().setName("gold").build()));
            assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(GrpcCalls.errorCode(gone)).isEqualTo("quota_class.not_found");
        }
    }

    @Test
    void tenantsArePermissionDenied() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            for (String user : new String[] {"alice", "carol"}) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                        () -> grpc.quotaClasses(Tokens.user(user)).putQuotaClass(gold(true)));
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(GrpcCalls.errorCode(e)).isEqualTo("auth.forbidden");
            }
            assertThat(TestDatabase.longValue("SELECT count(*) FROM quota_class")).isZero();
        }
    }

    @Test
    void badInputIsInvalidArgument() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            var admin = grpc.quotaClasses(Tokens.user("admin"));
            for (PutQuotaClassRequest bad : new PutQuotaClassRequest[] {
                    gold(false).toBuilder().setName("Gold").build(),
                    gold(false).toBuilder().setName("").build(),
                    gold(false).toBuilder().clearLimits().build(),
                    gold(false).toBuilder().setLimits(QuotaClassLimits.newBuilder()
                            .setLimits(Resources.newBuilder().setMilliCpu(-1)).setInstances(1)).build(),
                    gold(false).toBuilder().setLimits(QuotaClassLimits.newBuilder().setInstances(-5)).build(),
                    gold(false).toBuilder().setDescription("x".repeat(257)).build()}) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> admin.putQuotaClass(bad));
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(GrpcCalls.errorCode(e)).isEqualTo("request.invalid");
            }
            StatusRuntimeException badName = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.deleteQuotaClass(QuotaClassRequest.newBuilder().setName("no way").build()));
            assertThat(GrpcCalls.errorCode(badName)).isEqualTo("request.invalid");
            assertThat(TestDatabase.longValue("SELECT count(*) FROM quota_class")).isZero();
        }
    }
}
