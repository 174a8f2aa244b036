package dev.berth.broker.usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestClock;
import dev.berth.broker.testsupport.PlatformImages;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.HostPricing;
import dev.berth.sdk.model.HostUpdate;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.UsageReport;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The usage record follows the quota ledger: an interval opens exactly when quota is
 * reserved and closes exactly when it is released (delete, failed create), and it keeps
 * the host's prices of the moment it opened.
 */
@QuarkusTest
class UsageIntervalTest {

    static final Instant T0 = Instant.parse("2031-07-01T10:00:00Z");
    static final OffsetDateTime FROM = OffsetDateTime.parse("2031-07-01T00:00:00Z");
    static final OffsetDateTime TO = OffsetDateTime.parse("2031-07-02T00:00:00Z");

    @Inject
    TestClock clock;

    private Api alice;

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        PlatformImages.registerVmImages();
        alice = Api.as("alice");
        clock.pin(T0);
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void aFailedCreateClosesItsIntervalWhenItReleasesItsQuota() throws Exception {
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "4", 2048, 10, 10);
        UUID id = alice.workloads().createWorkload(Api.sleeper("ghost", "2", 64).image("berth-demo/not-built-here:1")
                        .imagePullPolicy(dev.berth.sdk.model.ImagePullPolicy.NEVER), null)
                .getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.FAILED);

        assertThat(TestDatabase.longValue("SELECT count(*) FROM usage_interval WHERE workload_id = '" + id
                + "' AND ended_at = started_at AND started_at = '" + T0 + "'")).as("opened and closed at T0").isEqualTo(1);
        clock.pin(T0.plus(Duration.ofHours(3)));
        UsageReport report = alice.usage().getUsage(null, FROM, TO, "kind");
        assertThat(report.getGroups()).as("a failed workload accrues nothing after its failure").isEmpty();
    }

    @Test
    void aRefusedAdmissionRecordsNothing() throws ApiException {
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "1", 2048, 10, 10);

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(Api.sleeper("too-big", "2", 64), null));

        assertThat(BerthProblems.code(refused)).isEqualTo("quota.exceeded");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM usage_interval")).isZero();
    }

    @Test
    void pricesAreThoseOfTheHostWhenTheWorkloadWasAdmitted() throws Exception {
        Api admin = Api.as("admin");
        Host kvm = admin.hosts().registerHost(new HostCreate().name("kvm-1").driver(HostDriver.LIBVIRT).endpoint("test:///default")
                .options(Map.of("seedBaseImages", "debian-12-base"))
                .pricing(new HostPricing().vcpuHour(new BigDecimal("0.05")).memoryGiBHour(new BigDecimal("0.01"))));
        Api.setQuota("acme", "4", 4096, 40, 4);
        UUID id = alice.workloads().createWorkload(new WorkloadCreate().name("vm-1").kind(WorkloadKind.VM).image("debian-12-base")
                .resources(new ResourceRequest().vcpu(new BigDecimal("2")).memoryMiB(2048L).diskGiB(1L)), null).getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.RUNNING);

        admin.hosts().updateHost(kvm.getId(), new HostUpdate().pricing(new HostPricing().vcpuHour(new BigDecimal("9"))
                .memoryGiBHour(new BigDecimal("9"))));
        clock.pin(T0.plus(Duration.ofMinutes(45)));
        alice.workloads().deleteWorkload(id, null);
        alice.awaitStatus(id, WorkloadStatus.DELETED);

        UsageReport report = alice.usage().getUsage(null, FROM, TO, null);
        // 2 vCPU × 0.75 h = 1.5 vCPU-h at 0.05; 2 GiB × 0.75 h = 1.5 GiB-h at 0.01
        assertThat(report.getTotals().getVcpuHours()).isEqualByComparingTo("1.5");
        assertThat(report.getTotals().getMemoryGiBHours()).isEqualByComparingTo("1.5");
        assertThat(report.getTotals().getDiskGiBHours()).isEqualByComparingTo("0.75");
        assertThat(report.getTotals().getInstanceHours()).isEqualByComparingTo("0.75");
        assertThat(report.getTotals().getCost()).isEqualByComparingTo("0.09");

        // The history outlives the host.
        admin.hosts().removeHost(kvm.getId());
        UsageReport afterRemoval = alice.usage().getUsage(null, FROM, TO, "host");
        assertThat(afterRemoval.getGroups()).singleElement().satisfies(g -> {
            assertThat(g.getHost()).isEqualTo("kvm-1");
            assertThat(g.getHostId()).isEqualTo(kvm.getId());
            assertThat(g.getFigures().getCost()).isEqualByComparingTo("0.09");
        });
    }
}
