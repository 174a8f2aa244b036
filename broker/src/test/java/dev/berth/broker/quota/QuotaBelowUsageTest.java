package dev.berth.broker.quota;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.PlatformImages;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.GetQuotaRequest;
import dev.berth.grpc.v1.SetTenantQuotaRequest;
import dev.berth.grpc.v1.TenantQuotaRequest;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.Quota;
import dev.berth.sdk.model.QuotaLimits;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every quota dimension is settable and readable over REST and gRPC, and a limit lowered
 * below current usage is stored as asked: usage shows over the limit, new admissions are
 * refused naming the dimension until usage drops, and deletes keep working. VMs on the
 * libvirt {@code test:///default} hypervisor hold the usage.
 */
@QuarkusTest
class QuotaBelowUsageTest {

    private Api admin;
    private Api alice;

    @BeforeEach
    void fleet() throws ApiException {
        TestDatabase.reset();
        PlatformImages.registerVmImages();
        admin = Api.as("admin");
        alice = Api.as("alice");
        admin.hosts().registerHost(new HostCreate().name("kvm-1").driver(HostDriver.LIBVIRT).endpoint("test:///default")
                .options(Map.of("seedBaseImages", "debian-12-base")));
    }

    private static WorkloadCreate vm(String name) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.VM).image("debian-12-base")
                .resources(new ResourceRequest().vcpu(BigDecimal.ONE).memoryMiB(256L).diskGiB(2L));
    }

    @Test
    void everyDimensionIsSettableAndReadableOverRest() throws ApiException {
        Quota set = admin.quotas().setTenantQuota("acme", new QuotaLimits().vcpu(new BigDecimal("2.5")).memoryMiB(3000L)
                .diskGiB(33L).instances(7).snapshots(9));
        Quota read = admin.quotas().getTenantQuota("acme");

        for (Quota q : new Quota[] {set, read, alice.quota().getQuota()}) {
            assertThat(q.getLimits().getVcpu()).isEqualByComparingTo("2.5");
            assertThat(q.getLimits().getMemoryMiB()).isEqualTo(3000);
            assertThat(q.getLimits().getDiskGiB()).isEqualTo(33);
            assertThat(q.getLimits().getInstances()).isEqualTo(7);
            assertThat(q.getLimits().getSnapshots()).isEqualTo(9);
            assertThat(q.getOverLimit()).isNullOrEmpty();
        }
    }

    @Test
    void everyDimensionIsSettableAndReadableOverGrpc() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            var adminGrpc = grpc.admin(Tokens.user("admin"));
            dev.berth.grpc.v1.Quota set = adminGrpc.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                    .setLimits(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(2500).setMemoryMib(3000).setDiskGib(33))
                    .setInstances(7).setSnapshots(9).build());
            dev.berth.grpc.v1.Quota read = adminGrpc.getTenantQuota(TenantQuotaRequest.newBuilder().setTenant("acme").build());
            dev.berth.grpc.v1.Quota own = grpc.workloads(Tokens.user("alice")).getQuota(GetQuotaRequest.getDefaultInstance());

            for (dev.berth.grpc.v1.Quota q : new dev.berth.grpc.v1.Quota[] {set, read, own}) {
                assertThat(q.getLimits().getMilliCpu()).isEqualTo(2500);
                assertThat(q.getLimits().getMemoryMib()).isEqualTo(3000);
                assertThat(q.getLimits().getDiskGib()).isEqualTo(33);
                assertThat(q.getInstanceLimit()).isEqualTo(7);
                assertThat(q.getSnapshotLimit()).isEqualTo(9);
                assertThat(q.getOverLimitList()).isEmpty();
            }
            // Without snapshots the snapshot limit stays as it was.
            dev.berth.grpc.v1.Quota again = adminGrpc.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                    .setLimits(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(1000).setMemoryMib(1000).setDiskGib(1))
                    .setInstances(1).build());
            assertThat(again.getSnapshotLimit()).isEqualTo(9);

            StatusRuntimeException negative = catchThrowableOfType(StatusRuntimeException.class,
                    () -> adminGrpc.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                            .setLimits(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(1000)).setSnapshots(-1).build()));
            assertThat(negative.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(negative)).isEqualTo("request.invalid");
        }
    }

    @Test
    void aLimitLoweredBelowUsageBlocksAdmissionsUntilUsageDrops() throws Exception {
        Api.setQuota("acme", "4", 4096, 40, 4);
        UUID first = alice.workloads().createWorkload(vm("vm-1"), null).getWorkload().getId();
        UUID second = alice.workloads().createWorkload(vm("vm-2"), null).getWorkload().getId();
        alice.awaitStatus(first, WorkloadStatus.RUNNING);
        alice.awaitStatus(second, WorkloadStatus.RUNNING);

        Quota lowered = admin.quotas().setTenantQuota("acme", new QuotaLimits().vcpu(BigDecimal.ONE).memoryMiB(4096L)
                .diskGiB(40L).instances(4));
        assertThat(lowered.getLimits().getVcpu()).as("stored as asked").isEqualByComparingTo("1");
        assertThat(lowered.getUsage().getVcpu()).isEqualByComparingTo("2");
        assertThat(lowered.getOverLimit()).containsExactly("vcpu");
        assertThat(alice.quota().getQuota().getOverLimit()).as("the tenant sees it too").containsExactly("vcpu");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> alice.workloads().createWorkload(vm("vm-3"), null));
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(refused)).isEqualTo("quota.exceeded");
        assertThat(BerthProblems.of(refused).orElseThrow().getDetail()).contains("vcpu (2 of 1 used, 1 requested)")
                .doesNotContain("memoryMiB", "instances");
        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException overGrpc = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.workloads(Tokens.user("alice")).createWorkload(CreateWorkloadRequest.newBuilder().setName("vm-3")
                            .setKind("vm").setImage("debian-12-base").setResources(dev.berth.grpc.v1.Resources.newBuilder()
                                    .setMilliCpu(1000).setMemoryMib(256).setDiskGib(2)).build()));
            assertThat(overGrpc.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(GrpcCalls.errorCode(overGrpc)).isEqualTo("quota.exceeded");
            assertThat(grpc.admin(Tokens.user("admin")).getTenantQuota(TenantQuotaRequest.newBuilder().setTenant("acme").build())
                    .getOverLimitList()).containsExactly("vcpu");
        }

        // Deletes work while over the limit.
        alice.workloads().deleteWorkload(first, null);
        alice.awaitStatus(first, WorkloadStatus.DELETED);
        Quota atLimit = alice.quota().getQuota();
        assertThat(atLimit.getUsage().getVcpu()).isEqualByComparingTo("1");
        assertThat(atLimit.getOverLimit()).isNullOrEmpty();
        ApiException stillFull = catchThrowableOfType(ApiException.class, () -> alice.workloads().createWorkload(vm("vm-3"), null));
        assertThat(BerthProblems.code(stillFull)).as("at the limit, one more vCPU is still too many").isEqualTo("quota.exceeded");

        alice.workloads().deleteWorkload(second, null);
        alice.awaitStatus(second, WorkloadStatus.DELETED);
        UUID third = alice.workloads().createWorkload(vm("vm-3"), null).getWorkload().getId();
        alice.awaitStatus(third, WorkloadStatus.RUNNING);
        assertThat(alice.quota().getQuota().getUsage().getVcpu()).isEqualByComparingTo("1");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE name = 'vm-3'"))
                .as("the refused attempts stored nothing").isEqualTo(1);
    }

    @Test
    void aLoweredInstanceLimitIsNamedToo() throws Exception {
        Api.setQuota("acme", "4", 4096, 40, 4);
        UUID first = alice.workloads().createWorkload(vm("vm-1"), null).getWorkload().getId();
        UUID second = alice.workloads().createWorkload(vm("vm-2"), null).getWorkload().getId();
        alice.awaitStatus(first, WorkloadStatus.RUNNING);
        alice.awaitStatus(second, WorkloadStatus.RUNNING);

        Api.setQuota("acme", "4", 4096, 40, 1);

        assertThat(alice.quota().getQuota().getOverLimit()).containsExactly("instances");
        ApiException refused = catchThrowableOfType(ApiException.class, () -> alice.workloads().createWorkload(vm("vm-3"), null));
        assertThat(BerthProblems.of(refused).orElseThrow().getDetail()).contains("instances (2 of 1 used)");
        alice.workloads().deleteWorkload(first, null);
        alice.awaitStatus(first, WorkloadStatus.DELETED);
        assertThat(alice.quota().getQuota().getOverLimit()).isNullOrEmpty();
    }
}
