package dev.berth.broker.cloud;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.EmulatedAws;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.CloudAccount;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.PlacementBurst;
import dev.berth.sdk.model.QuotaLimits;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 8's hybrid path end to end, with a real AWS target (a cloud account on the local
 * emulator) instead of a stand-in public host: a nearly full private Docker host and the
 * account's region. Nothing private fits a 1-vCPU workload: a tenant allowed to burst lands
 * on AWS (a Fargate task in the emulator), charged at the account's catalogue-derived prices
 * against its monthly budget and refunded on delete; a tenant without the label gets
 * {@code placement.no_fit} naming the Burst rule and nothing reaches AWS.
 */
@QuarkusTest
class CloudBurstingTest {

    /** What the shipped catalogue gives a us-east-1 target that runs VMs (see TargetPricingTest). */
    private static final BigDecimal VCPU_HOUR = new BigDecimal("0.033351");
    private static final BigDecimal GIB_HOUR = new BigDecimal("0.003662");

    private UUID privateHost;
    private UUID awsTarget;

    @BeforeEach
    void nearlyFullPrivateHostAndAnAwsTarget() throws Exception {
        TestDatabase.reset();
        EmulatedAws.fresh();
        Api admin = Api.as("admin");
        privateHost = admin.hosts().registerHost(new HostCreate().name("owned").driver(HostDriver.DOCKER)
                .endpoint("unix:///var/run/docker.sock")
                .capacity(new HostCapacity().vcpu(new BigDecimal("2")).memoryMiB(2048L))).getId();
        CloudAccount account = EmulatedAws.register("burst", List.of(EmulatedAws.REGION));
        awsTarget = account.getTargets().get(0).getHostId();
        Api.setQuota("acme", "16", 16384, 100, 10);
        Api.setQuota("globex", "16", 16384, 100, 10);
        Api alice = Api.as("alice");
        Workload filler = alice.workloads().createWorkload(Api.sleeper("filler", "1.5", 1024), null).getWorkload();
        assertThat(filler.getHostId()).isEqualTo(privateHost);
        alice.awaitStatus(filler.getId(), WorkloadStatus.RUNNING);
    }

    /**
     * No placement hints: where it lands is placement's call. Pull policy Never: should it land
     * on the Docker host, its engine must not try public.ecr.aws (Fargate ignores the policy).
     */
    private static WorkloadCreate task(String name) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.CONTAINER).image(EmulatedAws.BUSYBOX)
                .imagePullPolicy(dev.berth.sdk.model.ImagePullPolicy.NEVER)
                .command(List.of("sleep", "3600"))
                .resources(new ResourceRequest().vcpu(BigDecimal.ONE).memoryMiB(1024L));
    }

    @Test
    void aBurstAllowedTenantLandsOnAwsWithTheReasonChargedAndRefundedAgainstItsBudget() throws Exception {
        Api admin = Api.as("admin");
        admin.quotas().setTenantLabels("acme", Map.of("berth.dev/burst", "allowed"));
        // 50 USD a month: one 1-vCPU/1-GiB task (27.02) fits, a second (54.04 in all) does not
        admin.quotas().setTenantQuota("acme", new QuotaLimits().vcpu(new BigDecimal("16")).memoryMiB(16384L)
                .diskGiB(100L).instances(10).monthlyBudget(new BigDecimal("50")));
        BigDecimal monthly = VCPU_HOUR.add(GIB_HOUR).multiply(new BigDecimal("730"));
        Api alice = Api.as("alice");

        Workload burst = alice.workloads().createWorkload(task("burst-1"), null).getWorkload();
        assertThat(burst.getHostId()).isEqualTo(awsTarget);
        assertThat(burst.getBurst().getReason()).isEqualTo(PlacementBurst.ReasonEnum.NO_PRIVATE_FIT);
        assertThat(burst.getEstimatedMonthlyCost()).isEqualByComparingTo(monthly);
        alice.awaitStatus(burst.getId(), WorkloadStatus.RUNNING);
        assertThat(EmulatedAws.tasksOf(burst.getId())).singleElement()
                .satisfies(t -> assertThat(t.lastStatus()).isEqualTo("RUNNING"));
        assertThat(alice.quota().getQuota().getUsage().getMonthlyBudget()).isEqualByComparingTo(monthly);

        ApiException overBudget = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(task("burst-2"), null));
        assertThat(BerthProblems.code(overBudget)).isEqualTo("quota.exceeded");
        assertThat(overBudget.getResponseBody()).contains("monthlyBudget");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE name = 'burst-2'")).isZero();

        alice.workloads().deleteWorkload(burst.getId(), null);
        alice.awaitStatus(burst.getId(), WorkloadStatus.DELETED);
        Await.until("task stopped", Duration.ofSeconds(10),
                () -> EmulatedAws.tasksOf(burst.getId()).stream().allMatch(t -> t.lastStatus().equals("STOPPED")));
        assertThat(alice.quota().getQuota().getUsage().getMonthlyBudget()).as("refunded").isEqualByComparingTo("0");

        Workload second = alice.workloads().createWorkload(task("burst-2"), null).getWorkload();
        assertThat(second.getHostId()).as("the refund makes room again").isEqualTo(awsTarget);
        alice.awaitStatus(second.getId(), WorkloadStatus.RUNNING);
    }

    @Test
    void aTenantNotAllowedToBurstGetsNoFitNamingTheRuleAndNothingReachesAws() throws Exception {
        Api bob = Api.as("bob");
        int tasksBefore = EmulatedAws.get().tasks().size();

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> bob.workloads().createWorkload(task("stay-home"), null));

        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(refused)).isEqualTo("placement.no_fit");
        assertThat(refused.getResponseBody()).contains("\"filter\":\"Burst\"", "\"reason\":\"burst_not_allowed\"");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE tenant = 'globex'")).isZero();
        assertThat(TestDatabase.longValue("SELECT used_milli_cpu + used_instances FROM tenant_quota WHERE tenant = 'globex'"))
                .isZero();
        assertThat(EmulatedAws.get().tasks()).hasSize(tasksBefore);
    }
}
