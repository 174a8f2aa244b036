package dev.berth.broker.tenants;

import java.io.IOException;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.KeycloakBehindProxy;
import dev.berth.broker.testsupport.KeycloakFaultProxy;
import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.FirstAdmin;
import dev.berth.sdk.model.Tenant;
import dev.berth.sdk.model.TenantCreate;
import dev.berth.sdk.model.TenantCreated;
import dev.berth.sdk.model.TenantRepairReport;
import dev.berth.sdk.model.TenantStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Keycloak failing during a tenant's provisioning (through a proxy the test switches off,
 * never by stopping the shared Keycloak): the tenant ends FAILED with the reason, and after
 * recovery nothing half-made is left in Keycloak — undone at once when Keycloak still
 * answers, else removed by the repair pass; posting the tenant again completes it.
 */
@QuarkusTest
@TestProfile(KeycloakBehindProxy.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantProvisioningFailureTest {

    private final String prefix = "fail-" + UUID.randomUUID().toString().substring(0, 6);
    private KeycloakFaultProxy keycloak;

    @BeforeAll
    void proxy() throws IOException {
        TestDatabase.reset();
        keycloak = new KeycloakFaultProxy(KeycloakBehindProxy.port());
    }

    @AfterEach
    void keycloakBack() {
        keycloak.up();
    }

    @AfterAll
    void cleanUp() {
        keycloak.close();
        RealmAdmin.cleanUp(prefix);
    }

    private TenantCreate request(String slug) {
        return new TenantCreate().slug(slug).displayName("Failing " + slug)
                .firstAdmin(new FirstAdmin().username(slug + "-admin").email(slug + "@fail.example").firstName("F").lastName("A"));
    }

    @Test
    void keycloakDownFromTheStartLeavesAFailedTenantAndARetryCompletesIt() throws ApiException {
        String slug = prefix + "-a";
        Api admin = Api.as("admin");
        keycloak.down();

        // With a first admin, the account checks come first: refused before anything is written.
        ApiException early = catchThrowableOfType(ApiException.class, () -> admin.tenants().createTenant(request(slug)));
        assertThat(BerthProblems.code(early)).isEqualTo("identity.unavailable");
        assertThat(BerthProblems.code(catchThrowableOfType(ApiException.class, () -> admin.tenants().getTenant(slug))))
                .isEqualTo("tenant.not_found");

        // Without one, the saga starts and fails at its first step.
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> admin.tenants().createTenant(request(slug).firstAdmin(null)));
        assertThat(e.getCode()).isEqualTo(503);
        assertThat(BerthProblems.code(e)).isEqualTo("identity.unavailable");
        Tenant failed = admin.tenants().getTenant(slug);
        assertThat(failed.getStatus()).isEqualTo(TenantStatus.FAILED);
        assertThat(failed.getStatusReason()).contains("unavailable").contains("Nothing was left in Keycloak");

        keycloak.up();
        assertThat(RealmAdmin.group("/tenants/" + slug)).isEmpty();
        assertThat(RealmAdmin.user(slug + "-admin")).isEmpty();

        TenantCreated retried = admin.tenants().createTenant(request(slug));
        assertThat(retried.getTenant().getStatus()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(retried.getFirstAdmin().getTemporaryPassword()).isNotBlank();
        assertThat(RealmAdmin.group("/tenants/" + slug)).isPresent();
    }

    @Test
    void keycloakLostHalfWayIsCleanedUpByTheRepairPass() throws ApiException {
        String slug = prefix + "-b";
        Api admin = Api.as("admin");
        // The group is created, then Keycloak goes away as the first admin's account is created.
        keycloak.downFrom((method, path) -> method.equals("POST") && path.endsWith("/users"));

        ApiException e = catchThrowableOfType(ApiException.class, () -> admin.tenants().createTenant(request(slug)));
        assertThat(BerthProblems.code(e)).isEqualTo("identity.unavailable");
        Tenant failed = admin.tenants().getTenant(slug);
        assertThat(failed.getStatus()).isEqualTo(TenantStatus.FAILED);
        assertThat(failed.getStatusReason()).contains("Left for the repair job").contains("group /tenants/" + slug);
        assertThat(RealmAdmin.group("/tenants/" + slug)).as("half-made while Keycloak is unreachable").isPresent();

        keycloak.up();
        TenantRepairReport report = admin.tenants().repairTenants();
        assertThat(report.getActions()).anySatisfy(a -> {
            assertThat(a.getTenant()).isEqualTo(slug);
            assertThat(a.getAction()).isEqualTo("failed_cleaned");
        });
        assertThat(RealmAdmin.group("/tenants/" + slug)).isEmpty();
        assertThat(RealmAdmin.user(slug + "-admin")).isEmpty();

        // A FAILED tenant can be deleted; its slug is free again.
        admin.tenants().deleteTenant(slug, false);
        ApiException gone = catchThrowableOfType(ApiException.class, () -> admin.tenants().getTenant(slug));
        assertThat(BerthProblems.code(gone)).isEqualTo("tenant.not_found");
    }

    @Test
    void identityRoutesAnswer503WhileKeycloakIsDown() {
        keycloak.down();
        ApiException e = catchThrowableOfType(ApiException.class, () -> Api.as("carol").members().listMembers(null));
        assertThat(e.getCode()).isEqualTo(503);
        assertThat(BerthProblems.code(e)).isEqualTo("identity.unavailable");
        assertThat(e.getResponseHeaders().firstValue("content-type").orElse("")).startsWith("application/problem+json");
    }
}
