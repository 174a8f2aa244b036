package dev.berth.broker.quota;

import dev.berth.tenants.quota.QuotaClass;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.berth.broker.tenants.TenantOnboarded;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.GetQuotaRequest;
import dev.berth.grpc.v1.SetTenantQuotaRequest;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.HostPricing;
import dev.berth.sdk.model.PlacementSimulation;
import dev.berth.sdk.model.PlacementSimulationResult;
import dev.berth.sdk.model.Quota;
import dev.berth.sdk.model.QuotaLimits;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 8, monthly budgets: a quota dimension charged at admission with the workload's
 * estimated monthly cost ((vCPU × vCPU-hour price + GiB × GiB-hour price) × 730 h) in the
 * same conditional update as the other dimensions, refunded exactly on release. One priced
 * Docker host (0.10 per vCPU-hour, 0.02 per GiB-hour): a 0.5 vCPU / 512 MiB sleeper costs
 * (0.05 + 0.01) × 730 = 43.80 a month, so a 100 budget holds two of them.
 */
@QuarkusTest
class MonthlyBudgetTest {

    private static final String COST = "43.8";

    @Inject
    Event<TenantOnboarded> onboarded;

    private Api admin;
    private Api alice;

    @BeforeEach
    void pricedHost() throws ApiException {
        TestDatabase.reset();
        admin = Api.as("admin");
        alice = Api.as("alice");
        admin.hosts().registerHost(new HostCreate().name("priced").driver(HostDriver.DOCKER)
                .endpoint("unix:///var/run/docker.sock")
                .pricing(new HostPricing().vcpuHour(new BigDecimal("0.10")).memoryGiBHour(new BigDecimal("0.02")))
                .capacity(new HostCapacity().vcpu(new BigDecimal("16")).memoryMiB(16384L)));
        setBudget("acme", new BigDecimal("100"));
    }

    private void setBudget(String tenant, BigDecimal budget) throws ApiException {
        admin.quotas().setTenantQuota(tenant, new QuotaLimits().vcpu(new BigDecimal("16")).memoryMiB(16384L).diskGiB(100L)
                .instances(20).monthlyBudget(budget));
    }

    private Workload create(String name) throws ApiException {
        return alice.workloads().createWorkload(Api.sleeper(name, "0.5", 512), null).getWorkload();
    }

    @Test
    void aHundredDollarBudgetAdmitsWhatFitsRefusesWhatDoesNotAndDeletingRefunds() throws Exception {
        Workload first = create("a");
        assertThat(first.getEstimatedMonthlyCost()).isEqualByComparingTo(COST);
        Workload second = create("b");
        Quota charged = alice.quota().getQuota();
        assertThat(charged.getLimits().getMonthlyBudget()).isEqualByComparingTo("100");
        assertThat(charged.getUsage().getMonthlyBudget()).isEqualByComparingTo("87.6");

        ApiException over = catchThrowableOfType(ApiException.class, () -> create("c"));
        assertThat(over.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(over)).isEqualTo("quota.exceeded");
        assertThat(over.getResponseBody()).contains("monthlyBudget (87.6 of 100 a month used, 43.8 requested)");
        ApiException tooDear = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(Api.sleeper("dear", "2", 2048), null));
        assertThat(BerthProblems.code(tooDear)).as("a workload dearer than the whole budget").isEqualTo("quota.exceeded");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE name IN ('c', 'dear')")).isZero();
        PlacementSimulationResult simulated = new dev.berth.sdk.api.PlacementsApi(dev.berth.sdk.support.BerthClients
                .withBearerToken(dev.berth.broker.testsupport.BrokerUnderTest.baseUrl(), () -> Tokens.user("alice")))
                .simulatePlacement(new PlacementSimulation().workload(Api.sleeper("c", "0.5", 512)));
        assertThat(simulated.getQuotaOk()).isFalse();
        assertThat(simulated.getQuotaDetail()).contains("monthlyBudget");
        assertThat(simulated.getEstimatedMonthlyCost()).isEqualByComparingTo(COST);

        alice.awaitStatus(first.getId(), WorkloadStatus.RUNNING);
        alice.workloads().deleteWorkload(first.getId(), null);
        alice.awaitStatus(first.getId(), WorkloadStatus.DELETED);
        assertThat(alice.quota().getQuota().getUsage().getMonthlyBudget()).as("refunded").isEqualByComparingTo(COST);

        Workload third = create("c");
        assertThat(alice.quota().getQuota().getUsage().getMonthlyBudget()).isEqualByComparingTo("87.6");
        alice.awaitStatus(second.getId(), WorkloadStatus.RUNNING);
        alice.awaitStatus(third.getId(), WorkloadStatus.RUNNING);
        assertUsageEqualsLiveCharges();
    }

    @Test
    void aFailedCreateRefundsItsCharge() throws Exception {
        Workload broken = alice.workloads().createWorkload(Api.sleeper("broken", "0.5", 512).image("berth-demo/missing:1")
                        .imagePullPolicy(dev.berth.sdk.model.ImagePullPolicy.NEVER), null)
                .getWorkload();
        assertThat(broken.getEstimatedMonthlyCost()).as("charged at admission").isEqualByComparingTo(COST);

        alice.awaitStatus(broken.getId(), WorkloadStatus.FAILED);

        assertThat(alice.quota().getQuota().getUsage().getMonthlyBudget()).isEqualByComparingTo("0");
        assertUsageEqualsLiveCharges();
    }

    @Test
    void racingCreatesNeverExceedTheBudget() throws Exception {
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String name = "race-" + i;
                outcomes.add(pool.submit((Callable<String>) () -> {
                    start.await();
                    try {
                        alice.workloads().createWorkload(Api.sleeper(name, "0.5", 512), UUID.randomUUID().toString());
                        return "admitted";
                    } catch (ApiException e) {
                        return BerthProblems.code(e);
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).filteredOn("admitted"::equals).hasSize(2);
            assertThat(results).filteredOn(r -> !"admitted".equals(r)).hasSize(n - 2).containsOnly("quota.exceeded");
        } finally {
            pool.shutdown();
        }
        assertThat(alice.quota().getQuota().getUsage().getMonthlyBudget()).isEqualByComparingTo("87.6");
        assertUsageEqualsLiveCharges();
        for (String id : TestDatabase.strings("SELECT id::text FROM workload")) {
            alice.awaitSettled(UUID.fromString(id));
        }
    }

    @Test
    void aBudgetLoweredBelowUseIsOverLimitAndRefusesUntilUseDrops() throws Exception {
        create("a");
        setBudget("acme", new BigDecimal("40"));

        Quota lowered = alice.quota().getQuota();
        assertThat(lowered.getOverLimit()).containsExactly("monthlyBudget");
        ApiException refused = catchThrowableOfType(ApiException.class, () -> create("b"));
        assertThat(BerthProblems.code(refused)).isEqualTo("quota.exceeded");
        assertThat(refused.getResponseBody()).contains("monthlyBudget");
    }

    @Test
    void noBudgetIsUnlimitedAndAPutWithoutTheFieldKeepsIt() throws Exception {
        Quota kept = admin.quotas().setTenantQuota("acme", new QuotaLimits().vcpu(new BigDecimal("16")).memoryMiB(16384L)
                .diskGiB(100L).instances(20));
        assertThat(kept.getLimits().getMonthlyBudget()).as("absent leaves it as it is").isEqualByComparingTo("100");

        Quota lifted = admin.quotas().setTenantQuota("acme", new QuotaLimits().vcpu(new BigDecimal("16")).memoryMiB(16384L)
                .diskGiB(100L).instances(20).unlimitedMonthlyBudget(true));
        assertThat(lifted.getLimits().getMonthlyBudget()).isNull();
        for (int i = 0; i < 3; i++) {
            create("free-" + i);
        }
        Quota used = alice.quota().getQuota();
        assertThat(used.getUsage().getMonthlyBudget()).isEqualByComparingTo("131.4");
        assertThat(used.getOverLimit()).isNullOrEmpty();
    }

    @Test
    void theBudgetIsSettableAndReadableOverGrpcInMicroUnits() throws Exception {
        create("a");
        try (GrpcCalls grpc = new GrpcCalls()) {
            var adminGrpc = grpc.admin(Tokens.user("admin"));
            dev.berth.grpc.v1.Quota set = adminGrpc.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                    .setLimits(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(16000).setMemoryMib(16384).setDiskGib(100))
                    .setInstances(20).setMonthlyBudgetMicros(250_500_000).build());
            dev.berth.grpc.v1.Quota own = grpc.workloads(Tokens.user("alice")).getQuota(GetQuotaRequest.getDefaultInstance());
            for (dev.berth.grpc.v1.Quota q : new dev.berth.grpc.v1.Quota[] {set, own}) {
                assertThat(q.getMonthlyBudgetMicros()).isEqualTo(250_500_000);
                assertThat(q.getMonthlyCostMicros()).isEqualTo(43_800_000);
            }
            assertThat(alice.quota().getQuota().getLimits().getMonthlyBudget()).isEqualByComparingTo("250.5");

            dev.berth.grpc.v1.Quota lifted = adminGrpc.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                    .setLimits(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(16000).setMemoryMib(16384).setDiskGib(100))
                    .setInstances(20).setUnlimitedMonthlyBudget(true).build());
            assertThat(lifted.hasMonthlyBudgetMicros()).isFalse();

            StatusRuntimeException negative = catchThrowableOfType(StatusRuntimeException.class,
                    () -> adminGrpc.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                            .setLimits(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(1000)).setMonthlyBudgetMicros(-1).build()));
            assertThat(negative.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(negative)).isEqualTo("request.invalid");
            StatusRuntimeException both = catchThrowableOfType(StatusRuntimeException.class,
                    () -> adminGrpc.setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                            .setLimits(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(1000)).setMonthlyBudgetMicros(5)
                            .setUnlimitedMonthlyBudget(true).build()));
            assertThat(GrpcCalls.errorCode(both)).isEqualTo("request.invalid");

            dev.berth.grpc.v1.QuotaClass gold = grpc.quotaClasses(Tokens.user("admin")).putQuotaClass(
                    dev.berth.grpc.v1.PutQuotaClassRequest.newBuilder().setName("gold")
                            .setLimits(dev.berth.grpc.v1.QuotaClassLimits.newBuilder().setLimits(dev.berth.grpc.v1.Resources
                                    .newBuilder().setMilliCpu(1000).setMemoryMib(1024).setDiskGib(10)).setInstances(2)
                                    .setMonthlyBudgetMicros(75_500_000)).build());
            assertThat(gold.getMonthlyBudgetMicros()).isEqualTo(75_500_000);
            assertThat(admin.quotaClasses().getQuotaClass("gold").getLimits().getMonthlyBudget()).isEqualByComparingTo("75.5");
        }
    }

    static Stream<Arguments> badBudgets() {
        String base = "{\"vcpu\":1,\"memoryMiB\":1024,\"diskGiB\":10,\"instances\":2,";
        return Stream.of(
                Arguments.of("negative", base + "\"monthlyBudget\":-1}", "request.invalid"),
                Arguments.of("more than six decimals", base + "\"monthlyBudget\":0.0000001}", "request.invalid"),
                Arguments.of("above the maximum", base + "\"monthlyBudget\":1000000001}", "request.invalid"),
                Arguments.of("non-numeric", base + "\"monthlyBudget\":\"lots\"}", "request.malformed"),
                Arguments.of("both a budget and unlimited", base + "\"monthlyBudget\":5,\"unlimitedMonthlyBudget\":true}",
                        "request.invalid"),
                Arguments.of("unlimited not a boolean", base + "\"unlimitedMonthlyBudget\":\"yes\"}", "request.malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBudgets")
    void badBudgetsAreRefusedAndNothingChanges(String what, String body, String code) {
        given().auth().oauth2(Tokens.user("admin")).contentType("application/json").body(body)
                .put("/v1/admin/tenants/acme/quota")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo(code));
        assertThat(TestDatabase.longValue("SELECT limit_monthly_cost_micros FROM tenant_quota WHERE tenant = 'acme'"))
                .isEqualTo(100_000_000);
        given().auth().oauth2(Tokens.user("admin")).contentType("application/json")
                .body("{\"limits\":" + body + "}").put("/v1/admin/quota-classes/gold")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo(code));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM quota_class")).isZero();
    }

    @Test
    void aTenantCannotReadOrSetAnotherTenantsBudget() throws Exception {
        String budget = "{\"vcpu\":1,\"memoryMiB\":1024,\"diskGiB\":10,\"instances\":2,\"monthlyBudget\":1}";
        for (String user : new String[] {"alice", "bob"}) {
            given().auth().oauth2(Tokens.user(user)).get("/v1/admin/tenants/acme/quota")
                    .then().statusCode(403).body("code", equalTo("auth.forbidden"));
            given().auth().oauth2(Tokens.user(user)).contentType("application/json").body(budget)
                    .put("/v1/admin/tenants/acme/quota")
                    .then().statusCode(403).body("code", equalTo("auth.forbidden"));
        }
        // bob's own quota is globex's: acme's budget is not visible to it
        Quota globex = Api.as("bob").quota().getQuota();
        assertThat(globex.getTenant()).isEqualTo("globex");
        assertThat(globex.getLimits().getMonthlyBudget()).isNull();
        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException denied = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.admin(Tokens.user("bob")).setTenantQuota(SetTenantQuotaRequest.newBuilder().setTenant("acme")
                            .setLimits(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(1000)).setInstances(1)
                            .setMonthlyBudgetMicros(1).build()));
            assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(TestDatabase.longValue("SELECT limit_monthly_cost_micros FROM tenant_quota WHERE tenant = 'acme'"))
                .isEqualTo(100_000_000);
    }

    @Test
    void aQuotaClassCarriesABudgetToNewTenants() throws Exception {
        dev.berth.sdk.model.QuotaClass gold = admin.quotaClasses().putQuotaClass("gold", new dev.berth.sdk.model.QuotaClassInput()
                .limits(new QuotaLimits().vcpu(BigDecimal.ONE).memoryMiB(1024L).diskGiB(10L).instances(2)
                        .monthlyBudget(new BigDecimal("75.5")))._default(true));
        assertThat(gold.getLimits().getMonthlyBudget()).isEqualByComparingTo("75.5");

        onboarded.fire(new TenantOnboarded("initech"));

        Quota initech = admin.quotas().getTenantQuota("initech");
        assertThat(initech.getQuotaClass()).isEqualTo("gold");
        assertThat(initech.getLimits().getMonthlyBudget()).isEqualByComparingTo("75.5");
    }

    private static void assertUsageEqualsLiveCharges() {
        assertThat(TestDatabase.longValue("SELECT used_monthly_cost_micros FROM tenant_quota WHERE tenant = 'acme'"))
                .isEqualTo(TestDatabase.longValue(
                        "SELECT coalesce(sum(monthly_cost_micros), 0) FROM workload WHERE tenant = 'acme' AND holds_resources"));
    }
}
