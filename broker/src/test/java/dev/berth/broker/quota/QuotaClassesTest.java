package dev.berth.broker.quota;

import java.math.BigDecimal;
import java.util.stream.Stream;

import dev.berth.broker.tenants.TenantOnboarded;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.ApiResponse;
import dev.berth.sdk.model.Quota;
import dev.berth.sdk.model.QuotaClass;
import dev.berth.sdk.model.QuotaClassInput;
import dev.berth.sdk.model.QuotaLimits;
import dev.berth.sdk.support.BerthProblems;
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
 * Quota classes over REST: CRUD by platform admins, one default at a time, and the default
 * given to a tenant when it is onboarded ({@link TenantOnboarded}) — never over limits an
 * admin already set.
 */
@QuarkusTest
class QuotaClassesTest {

    @Inject
    Event<TenantOnboarded> onboarded;

    private Api admin;

    @BeforeEach
    void reset() {
        TestDatabase.reset();
        admin = Api.as("admin");
    }

    static QuotaClassInput input(String vcpu, long memoryMiB, long diskGiB, int instances, Integer snapshots, boolean isDefault) {
        return new QuotaClassInput().description("tier " + vcpu)
                .limits(new QuotaLimits().vcpu(new BigDecimal(vcpu)).memoryMiB(memoryMiB).diskGiB(diskGiB)
                        .instances(instances).snapshots(snapshots))
                ._default(isDefault);
    }

    @Test
    void adminCreatesReadsReplacesListsAndDeletesClasses() throws ApiException {
        ApiResponse<QuotaClass> created = admin.quotaClasses().putQuotaClassWithHttpInfo("small",
                input("2", 2048, 20, 5, 3, false));
        assertThat(created.getStatusCode()).isEqualTo(201);
        QuotaClass small = created.getData();
        assertThat(small.getName()).isEqualTo("small");
        assertThat(small.getDescription()).isEqualTo("tier 2");
        assertThat(small.getLimits().getVcpu()).isEqualByComparingTo("2");
        assertThat(small.getLimits().getMemoryMiB()).isEqualTo(2048);
        assertThat(small.getLimits().getDiskGiB()).isEqualTo(20);
        assertThat(small.getLimits().getInstances()).isEqualTo(5);
        assertThat(small.getLimits().getSnapshots()).isEqualTo(3);
        assertThat(small.getDefault()).isFalse();

        ApiResponse<QuotaClass> replaced = admin.quotaClasses().putQuotaClassWithHttpInfo("small",
                input("1.5", 1024, 10, 4, null, false));
        assertThat(replaced.getStatusCode()).isEqualTo(200);
        assertThat(replaced.getData().getLimits().getVcpu()).isEqualByComparingTo("1.5");
        assertThat(replaced.getData().getLimits().getSnapshots()).as("unset snapshots = 10").isEqualTo(10);
        assertThat(replaced.getData().getCreatedAt()).isEqualTo(small.getCreatedAt());

        admin.quotaClasses().putQuotaClass("large", input("32", 65536, 500, 50, 40, false));
        assertThat(admin.quotaClasses().listQuotaClasses().getItems()).extracting(QuotaClass::getName)
                .containsExactly("large", "small");
        assertThat(admin.quotaClasses().getQuotaClass("large").getLimits().getVcpu()).isEqualByComparingTo("32");

        admin.quotaClasses().deleteQuotaClass("large");
        ApiException gone = catchThrowableOfType(ApiException.class, () -> admin.quotaClasses().getQuotaClass("large"));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(gone)).isEqualTo("quota_class.not_found");
        ApiException deleteAgain = catchThrowableOfType(ApiException.class, () -> admin.quotaClasses().deleteQuotaClass("large"));
        assertThat(BerthProblems.code(deleteAgain)).isEqualTo("quota_class.not_found");
        assertThat(admin.quotaClasses().listQuotaClasses().getItems()).extracting(QuotaClass::getName).containsExactly("small");
    }

    @Test
    void onlyOneClassIsTheDefault() throws ApiException {
        admin.quotaClasses().putQuotaClass("bronze", input("1", 1024, 10, 2, null, true));
        admin.quotaClasses().putQuotaClass("silver", input("4", 4096, 40, 8, null, true));

        assertThat(admin.quotaClasses().listQuotaClasses().getItems())
                .extracting(QuotaClass::getName, QuotaClass::getDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bronze", false),
                        org.assertj.core.groups.Tuple.tuple("silver", true));
    }

    @Test
    void anOnboardedTenantGetsTheDefaultClass() throws ApiException {
        admin.quotaClasses().putQuotaClass("starter", input("2", 2048, 20, 5, 4, true));
        admin.quotaClasses().putQuotaClass("other", input("8", 8192, 80, 20, null, false));

        onboarded.fire(new TenantOnboarded("initech"));

        Quota quota = admin.quotas().getTenantQuota("initech");
        assertThat(quota.getLimits().getVcpu()).isEqualByComparingTo("2");
        assertThat(quota.getLimits().getMemoryMiB()).isEqualTo(2048);
        assertThat(quota.getLimits().getDiskGiB()).isEqualTo(20);
        assertThat(quota.getLimits().getInstances()).isEqualTo(5);
        assertThat(quota.getLimits().getSnapshots()).isEqualTo(4);
        assertThat(quota.getQuotaClass()).isEqualTo("starter");
        assertThat(quota.getUsage().getInstances()).isZero();

        // The class is a template: changing it later does not reach tenants that got it.
        admin.quotaClasses().putQuotaClass("starter", input("1", 1024, 10, 1, 1, true));
        onboarded.fire(new TenantOnboarded("initech"));
        assertThat(admin.quotas().getTenantQuota("initech").getLimits().getVcpu()).isEqualByComparingTo("2");
    }

    @Test
    void explicitlySetLimitsAreNeverOverwrittenByTheDefault() throws ApiException {
        Api.setQuota("acme", "3", 3072, 30, 3);
        admin.quotaClasses().putQuotaClass("starter", input("2", 2048, 20, 5, 4, true));

        onboarded.fire(new TenantOnboarded("acme"));

        Quota quota = admin.quotas().getTenantQuota("acme");
        assertThat(quota.getLimits().getVcpu()).isEqualByComparingTo("3");
        assertThat(quota.getLimits().getInstances()).isEqualTo(3);
        assertThat(quota.getQuotaClass()).isNull();
    }

    @Test
    void explicitLimitsReplaceTheClassMark() throws ApiException {
        admin.quotaClasses().putQuotaClass("starter", input("2", 2048, 20, 5, 4, true));
        onboarded.fire(new TenantOnboarded("initech"));
        assertThat(admin.quotas().getTenantQuota("initech").getQuotaClass()).isEqualTo("starter");

        Api.setQuota("initech", "6", 6144, 60, 6);

        Quota quota = admin.quotas().getTenantQuota("initech");
        assertThat(quota.getQuotaClass()).isNull();
        assertThat(quota.getLimits().getVcpu()).isEqualByComparingTo("6");
        assertThat(quota.getLimits().getSnapshots()).as("untouched by a PUT without snapshots").isEqualTo(4);
    }

    @Test
    void withoutADefaultClassANewTenantHasNoQuota() throws ApiException {
        admin.quotaClasses().putQuotaClass("not-default", input("2", 2048, 20, 5, 4, false));

        onboarded.fire(new TenantOnboarded("initech"));

        Quota quota = admin.quotas().getTenantQuota("initech");
        assertThat(quota.getLimits().getInstances()).isZero();
        assertThat(quota.getQuotaClass()).isNull();
        assertThat(TestDatabase.longValue("SELECT count(*) FROM tenant_quota WHERE tenant = 'initech'")).isZero();
    }

    @Test
    void tenantsCannotManageClasses() {
        for (String user : new String[] {"alice", "carol"}) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> Api.as(user).quotaClasses().listQuotaClasses());
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(BerthProblems.code(e)).isEqualTo("auth.forbidden");
            ApiException put = catchThrowableOfType(ApiException.class,
                    () -> Api.as(user).quotaClasses().putQuotaClass("mine", input("64", 1, 1, 1, null, true)));
            assertThat(put.getCode()).isEqualTo(403);
        }
        given().contentType("application/json").body("{\"limits\":{}}").put("/v1/admin/quota-classes/x1")
                .then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM quota_class")).isZero();
    }

    static Stream<Arguments> badClassRequests() {
        String valid = "{\"limits\":{\"vcpu\":1,\"memoryMiB\":1024,\"diskGiB\":10,\"instances\":2}}";
        return Stream.of(
                Arguments.of("upper-case name", "Gold", valid, "request.invalid"),
                Arguments.of("one-letter name", "g", valid, "request.invalid"),
                Arguments.of("name ending in a dash", "gold-", valid, "request.invalid"),
                Arguments.of("missing limits", "gold", "{\"default\":true}", "request.invalid"),
                Arguments.of("missing instances", "gold", valid.replace(",\"instances\":2", ""), "request.invalid"),
                Arguments.of("negative vcpu", "gold", valid.replace("\"vcpu\":1", "\"vcpu\":-1"), "request.invalid"),
                Arguments.of("sub-millicore vcpu", "gold", valid.replace("\"vcpu\":1", "\"vcpu\":0.0001"), "request.invalid"),
                Arguments.of("negative snapshots", "gold", valid.replace("\"instances\":2", "\"instances\":2,\"snapshots\":-1"),
                        "request.invalid"),
                Arguments.of("long description", "gold", valid.replace("{\"limits\"", "{\"description\":\"" + "x".repeat(257)
                        + "\",\"limits\""), "request.invalid"),
                Arguments.of("unknown field", "gold", valid.replace("{\"limits\"", "{\"color\":\"gold\",\"limits\""),
                        "request.invalid"),
                Arguments.of("default not a boolean", "gold", valid.replace("{\"limits\"", "{\"default\":\"yes\",\"limits\""),
                        "request.malformed"),
                Arguments.of("malformed JSON", "gold", "{\"limits\":", "request.malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badClassRequests")
    void badInputIsRefusedAndNothingStored(String what, String name, String body, String code) {
        given().auth().oauth2(Tokens.user("admin")).contentType("application/json").body(body)
                .put("/v1/admin/quota-classes/" + name)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo(code));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM quota_class")).isZero();
    }

    @Test
    void badNamesOnReadAndDelete() {
        String token = Tokens.user("admin");
        given().auth().oauth2(token).get("/v1/admin/quota-classes/NOT_A_NAME")
                .then().statusCode(400).body("code", equalTo("request.invalid"));
        given().auth().oauth2(token).delete("/v1/admin/quota-classes/NOT_A_NAME")
                .then().statusCode(400).body("code", equalTo("request.invalid"));
        given().auth().oauth2(token).get("/v1/admin/quota-classes/missing")
                .then().statusCode(404).body("code", equalTo("quota_class.not_found"));
    }
}
