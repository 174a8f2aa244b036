package dev.berth.broker.tenants;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.BrowserLogin;
import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.FirstAdmin;
import dev.berth.sdk.model.MemberRole;
import dev.berth.sdk.model.ServiceAccountCreate;
import dev.berth.sdk.model.ServiceAccountSecret;
import dev.berth.sdk.model.Tenant;
import dev.berth.sdk.model.TenantCreate;
import dev.berth.sdk.model.TenantCreated;
import dev.berth.sdk.model.TenantStatus;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.keycloak.representations.idm.GroupRepresentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The whole onboarding story against the real Keycloak, through the SDK: a platform admin
 * creates tenant {@code initech-<random>} with a first tenant-admin; that person logs in
 * (changing the temporary password, as Keycloak demands) and gets tokens for the new
 * tenant; creates a service account for a program, which authenticates with client
 * credentials and works in its tenant only; the secret is rotated; the tenant is suspended,
 * resumed, and finally deleted with its workloads.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantOnboardingTest {

    private final String slug = "initech-" + UUID.randomUUID().toString().substring(0, 8);
    private final String adminUser = slug + "-admin";
    private final String newPassword = "Initech-" + UUID.randomUUID();
    private String temporaryPassword;
    private String adminToken;
    private ServiceAccountSecret ci;
    private UUID acmeWorkload;
    private UUID initechWorkload;

    @BeforeAll
    void fleet() throws ApiException {
        TestDatabase.reset();
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "2", 1024, 10, 5);
        Api alice = Api.as("alice");
        acmeWorkload = alice.workloads().createWorkload(Api.sleeper("acme-svc", "0.1", 16), null).getWorkload().getId();
    }

    @AfterAll
    void cleanUp() {
        RealmAdmin.cleanUp(slug);
    }

    @Test
    @Order(1)
    void adminCreatesTheTenantWithItsFirstTenantAdmin() throws ApiException {
        TenantCreated created = Api.as("admin").tenants().createTenant(new TenantCreate().slug(slug).displayName("Initech")
                .labels(Map.of("tier", "gold"))
                .firstAdmin(new FirstAdmin().username(adminUser).email(adminUser + "@initech.example")
                        .firstName("Peter").lastName("Gibbons")));

        assertThat(created.getTenant().getStatus()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(created.getTenant().getLabels()).containsEntry("tier", "gold");
        assertThat(created.getFirstAdmin().getUsername()).isEqualTo(adminUser);
        temporaryPassword = created.getFirstAdmin().getTemporaryPassword();
        assertThat(temporaryPassword).hasSizeGreaterThanOrEqualTo(16);

        GroupRepresentation group = RealmAdmin.group("/tenants/" + slug).orElseThrow();
        assertThat(group.getAttributes().get("tenant").get(0)).isEqualTo(slug);
        assertThat(group.getId()).isEqualTo(created.getTenant().getGroupId());
        String userId = RealmAdmin.user(adminUser).orElseThrow().getId();
        assertThat(userId).isEqualTo(created.getFirstAdmin().getUserId().toString());
        assertThat(RealmAdmin.groupPathsOf(userId)).containsExactly("/tenants/" + slug);
        assertThat(RealmAdmin.realmRolesOf(userId)).contains("tenant-admin");

        // The password went to the caller only: not in any table Berth writes.
        assertThat(TestDatabase.longValue("SELECT count(*) FROM tenant t WHERE row_to_json(t)::text LIKE '%"
                + temporaryPassword + "%'")).isZero();
        assertThat(TestDatabase.longValue("SELECT count(*) FROM event e WHERE row_to_json(e)::text LIKE '%"
                + temporaryPassword + "%'")).isZero();
        assertThat(Api.as("admin").tenants().getTenant(slug).getStatus()).isEqualTo(TenantStatus.ACTIVE);
    }

    @Test
    @Order(2)
    void theTenantAdminLogsInAndGetsTheTenantClaim() throws ApiException {
        // A temporary password cannot be used for tokens until the person has chosen a new one.
        assertThatThrownBy(() -> Tokens.password(adminUser, temporaryPassword)).hasMessageContaining("not fully set up");
        BrowserLogin.firstLogin(adminUser, temporaryPassword, newPassword);

        adminToken = Tokens.password(adminUser, newPassword);
        JsonNode claims = Tokens.claims(adminToken);
        assertThat(claims.path("tenant").asText()).isEqualTo(slug);
        assertThat(claims.path("realm_access").path("roles").toString()).contains("tenant-admin").contains("tenant-user");
        assertThat(Api.withToken(adminToken).identity().getMe().getTenant()).isEqualTo(slug);
    }

    @Test
    @Order(3)
    void aServiceAccountWorksInItsTenantOnly() throws ApiException {
        Api.setQuota(slug, "2", 1024, 10, 5);
        Api tenantAdmin = Api.withToken(adminToken);
        ci = tenantAdmin.serviceAccounts().createServiceAccount(new ServiceAccountCreate().name("ci")
                .description("the build pipeline"), null);
        assertThat(ci.getServiceAccount().getClientId()).isEqualTo(slug + ".ci");
        assertThat(ci.getServiceAccount().getRole()).isEqualTo(MemberRole.TENANT_USER);
        assertThat(ci.getClientSecret()).isNotBlank();
        assertThat(ci.getTokenUrl()).isEqualTo(Tokens.ISSUER + "/protocol/openid-connect/token");
        assertThat(tenantAdmin.serviceAccounts().listServiceAccounts(null).getItems())
                .extracting(a -> a.getClientId()).containsExactly(slug + ".ci");

        String token = Tokens.clientCredentials(slug + ".ci", ci.getClientSecret());
        JsonNode claims = Tokens.claims(token);
        assertThat(claims.path("tenant").asText()).isEqualTo(slug);
        assertThat(claims.path("aud").toString()).contains("berth-api");
        assertThat(claims.path("realm_access").path("roles").toString()).contains("tenant-user").doesNotContain("tenant-admin");

        Api program = Api.withToken(token);
        WorkloadOperation accepted = program.workloads().createWorkload(Api.sleeper("build-agent", "0.1", 16), null);
        initechWorkload = accepted.getWorkload().getId();
        Workload running = program.awaitStatus(initechWorkload, WorkloadStatus.RUNNING);
        assertThat(TestDatabase.strings("SELECT tenant FROM workload WHERE id = '" + running.getId() + "'"))
                .containsExactly(slug);
        // Only its own tenant: acme's workload does not exist for it, and acme never sees initech's.
        ApiException foreign = catchThrowableOfType(ApiException.class, () -> program.workloads().getWorkload(acmeWorkload));
        assertThat(foreign.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(foreign)).isEqualTo("workload.not_found");
        ApiException fromAcme = catchThrowableOfType(ApiException.class,
                () -> Api.as("alice").workloads().getWorkload(initechWorkload));
        assertThat(fromAcme.getCode()).isEqualTo(404);
        // A tenant-user program cannot manage identities.
        ApiException forbidden = catchThrowableOfType(ApiException.class,
                () -> program.serviceAccounts().listServiceAccounts(null));
        assertThat(forbidden.getCode()).isEqualTo(403);
        assertThat(BerthProblems.code(forbidden)).isEqualTo("auth.forbidden");
    }

    @Test
    @Order(4)
    void rotationInvalidatesTheOldSecret() throws ApiException {
        String old = ci.getClientSecret();
        ServiceAccountSecret rotated = Api.withToken(adminToken).serviceAccounts()
                .rotateServiceAccountSecret(ci.getServiceAccount().getId(), null);
        assertThat(rotated.getClientSecret()).isNotBlank().isNotEqualTo(old);
        assertThat(Tokens.clientCredentialsStatus(slug + ".ci", old)).isEqualTo(401);
        assertThat(Tokens.claims(Tokens.clientCredentials(slug + ".ci", rotated.getClientSecret())).path("tenant").asText())
                .isEqualTo(slug);
        ci = rotated;
    }

    @Test
    @Order(5)
    void aSuspendedTenantCannotCreateUntilResumed() throws ApiException {
        Api admin = Api.as("admin");
        Api tenantAdmin = Api.withToken(Tokens.password(adminUser, newPassword));
        assertThat(admin.tenants().suspendTenant(slug).getStatus()).isEqualTo(TenantStatus.SUSPENDED);

        for (ThrowingCall call : List.<ThrowingCall>of(
                () -> tenantAdmin.workloads().createWorkload(Api.sleeper("blocked", "0.1", 16), null),
                () -> tenantAdmin.workloads().stopWorkload(initechWorkload, null),
                () -> tenantAdmin.serviceAccounts().createServiceAccount(new ServiceAccountCreate().name("blocked"), null))) {
            ApiException e = catchThrowableOfType(ApiException.class, call::run);
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(BerthProblems.code(e)).isEqualTo("tenant.suspended");
        }
        assertThat(RealmAdmin.client(slug + ".blocked")).isEmpty();
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE name = 'blocked'")).isZero();
        // Reads keep working.
        assertThat(tenantAdmin.workloads().getWorkload(initechWorkload).getStatus()).isEqualTo(WorkloadStatus.RUNNING);

        assertThat(admin.tenants().resumeTenant(slug).getStatus()).isEqualTo(TenantStatus.ACTIVE);
        UUID again = tenantAdmin.workloads().createWorkload(Api.sleeper("after-resume", "0.1", 16), null).getWorkload().getId();
        tenantAdmin.awaitStatus(again, WorkloadStatus.RUNNING);
    }

    @Test
    @Order(6)
    void deletionRefusesLiveWorkloadsUnlessCascading() throws ApiException {
        Api admin = Api.as("admin");
        ApiException refused = catchThrowableOfType(ApiException.class, () -> admin.tenants().deleteTenant(slug, false));
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(refused)).isEqualTo("tenant.has_workloads");
        assertThat(RealmAdmin.group("/tenants/" + slug)).isPresent();

        Tenant deleting = admin.tenants().deleteTenant(slug, true);
        assertThat(deleting.getStatus()).isEqualTo(TenantStatus.DELETING);
        Await.until("tenant " + slug + " to be deleted", Duration.ofSeconds(90), () -> {
            try {
                admin.tenants().repairTenants();
                admin.tenants().getTenant(slug);
                return false;
            } catch (ApiException e) {
                return e.getCode() == 404;
            }
        });
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE tenant = '" + slug
                + "' AND status <> 'DELETED'")).isZero();
        assertThat(RealmAdmin.group("/tenants/" + slug)).isEmpty();
        assertThat(RealmAdmin.client(slug + ".ci")).isEmpty();
        // The person's account stays, without tenant and tenant roles.
        String userId = RealmAdmin.user(adminUser).orElseThrow().getId();
        assertThat(RealmAdmin.groupPathsOf(userId)).isEmpty();
        assertThat(RealmAdmin.realmRolesOf(userId)).doesNotContain("tenant-admin", "tenant-user");
        assertThat(Tokens.claims(Tokens.password(adminUser, newPassword)).has("tenant")).isFalse();
        // acme was not touched.
        assertThat(Api.as("alice").workloads().getWorkload(acmeWorkload).getStatus()).isNotEqualTo(WorkloadStatus.DELETED);
    }

    interface ThrowingCall {
        Object run() throws ApiException;
    }
}
