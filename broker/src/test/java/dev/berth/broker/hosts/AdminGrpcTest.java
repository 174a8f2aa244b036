package dev.berth.broker.hosts;

import java.util.UUID;

import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.Host;
import dev.berth.grpc.v1.HostRequest;
import dev.berth.grpc.v1.ListHostsRequest;
import dev.berth.grpc.v1.Quota;
import dev.berth.grpc.v1.RegisterHostRequest;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.SetTenantQuotaRequest;
import dev.berth.grpc.v1.TenantQuotaRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The gRPC Admin service: same services, roles and error codes as /v1/admin over REST. */
@QuarkusTest
class AdminGrpcTest {

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    @Test
    void adminManagesHostsAndQuotasOverGrpc() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            var admin = grpc.admin(Tokens.user("admin"));
            Host host = admin.registerHost(RegisterHostRequest.newBuilder().setName("grpc-engine").setDriver("docker")
                    .setEndpoint("unix:///var/run/docker.sock").putLabels("zone", "a").build());
            assertThat(host.getHealth()).isEqualTo("HEALTHY");
            assertThat(host.getCapacity().getMilliCpu()).isPositive();
            assertThat(host.getSupportedKindsList()).containsExactly("container");
            assertThat(admin.listHosts(ListHostsRequest.getDefaultInstance()).getItemsList())
                    .extracting(Host::getName).containsExactly("grpc-engine");
            assertThat(admin.cordonHost(HostRequest.newBuilder().setHostId(host.getId()).build()).getCordoned()).isTrue();

            Quota quota = admin.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                    .setLimits(Resources.newBuilder().setMilliCpu(1500).setMemoryMib(512).setDiskGib(5)).setInstances(3).build());
            assertThat(quota.getLimits().getMilliCpu()).isEqualTo(1500);
            assertThat(admin.getTenantQuota(TenantQuotaRequest.newBuilder().setTenant("acme").build()).getInstanceLimit()).isEqualTo(3);

            admin.removeHost(HostRequest.newBuilder().setHostId(host.getId()).build());
            StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.getHost(HostRequest.newBuilder().setHostId(host.getId()).build()));
            assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(GrpcCalls.errorCode(gone)).isEqualTo("host.not_found");
        }
    }

    @Test
    void tenantsArePermissionDenied() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.admin(Tokens.user("carol")).listHosts(ListHostsRequest.getDefaultInstance()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(GrpcCalls.errorCode(e)).isEqualTo("auth.forbidden");
        }
    }

    @Test
    void badInputIsInvalidArgument() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            var admin = grpc.admin(Tokens.user("admin"));
            for (RegisterHostRequest bad : new RegisterHostRequest[] {
                    RegisterHostRequest.newBuilder().setName("x").setDriver("docker").setEndpoint("http://127.0.0.1:1").build(),
                    RegisterHostRequest.newBuilder().setName("Bad Name").setDriver("docker").setEndpoint("unix:///x").build(),
                    RegisterHostRequest.newBuilder().setName("x").setDriver("vmware").setEndpoint("unix:///x").build()}) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> admin.registerHost(bad));
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(GrpcCalls.errorCode(e)).isEqualTo("request.invalid");
            }
            StatusRuntimeException badId = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.getHost(HostRequest.newBuilder().setHostId("nope").build()));
            assertThat(GrpcCalls.errorCode(badId)).isEqualTo("request.invalid");
            StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.getHost(HostRequest.newBuilder().setHostId(UUID.randomUUID().toString()).build()));
            assertThat(GrpcCalls.errorCode(missing)).isEqualTo("host.not_found");
            StatusRuntimeException badQuota = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                            .setLimits(Resources.newBuilder().setMilliCpu(-1)).build()));
            assertThat(GrpcCalls.errorCode(badQuota)).isEqualTo("request.invalid");
        }
    }
}
