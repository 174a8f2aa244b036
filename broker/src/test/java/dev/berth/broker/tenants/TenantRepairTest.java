package dev.berth.broker.tenants;

import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.FirstAdmin;
import dev.berth.sdk.model.ServiceAccountCreate;
import dev.berth.sdk.model.ServiceAccountSecret;
import dev.berth.sdk.model.TenantCreate;
import dev.berth.sdk.model.TenantCreated;
import dev.berth.sdk.model.TenantRepairReport;
import dev.berth.sdk.model.TenantStatus;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.keycloak.representations.idm.GroupRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repair pass against the real Keycloak: groups deleted or renamed by hand are set
 * right, a tenant whose provisioning request died is finished, groups Berth does not manage
 * are reported and left alone, and the realm's own tenants (acme, globex) keep working
 * until an admin adopts them.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantRepairTest {

    private final String prefix = "repair-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    void clean() {
        TestDatabase.reset();
    }

    @AfterAll
    void cleanUp() {
        RealmAdmin.cleanUp(prefix);
    }

    @Test
    void aGroupDeletedByHandIsRecreatedWithTheMembersBerthKnows() throws ApiException {
        String slug = prefix + "-x";
        Api admin = Api.as("admin");
        TenantCreated created = admin.tenants().createTenant(new TenantCreate().slug(slug).displayName("X")
                .firstAdmin(new FirstAdmin().username(slug + "-admin").email(slug + "@repair.example").firstName("X").lastName("A")));
        ServiceAccountSecret sa = admin.serviceAccounts().createServiceAccount(new ServiceAccountCreate().name("bot"), slug);
        String oldGroup = created.getTenant().getGroupId();

        RealmAdmin.deleteGroup("/tenants/" + slug);
        assertThat(Tokens.claims(Tokens.clientCredentials(slug + ".bot", sa.getClientSecret())).has("tenant")).isFalse();

        TenantRepairReport report = admin.tenants().repairTenants();
        assertThat(report.getActions()).anySatisfy(a -> {
            assertThat(a.getTenant()).isEqualTo(slug);
            assertThat(a.getAction()).isEqualTo("group_recreated");
        });
        GroupRepresentation group = RealmAdmin.group("/tenants/" + slug).orElseThrow();
        assertThat(group.getId()).isNotEqualTo(oldGroup);
        assertThat(group.getAttributes().get("tenant").get(0)).isEqualTo(slug);
        assertThat(admin.tenants().getTenant(slug).getGroupId()).isEqualTo(group.getId());
        String adminId = created.getFirstAdmin().getUserId().toString();
        assertThat(RealmAdmin.groupPathsOf(adminId)).containsExactly("/tenants/" + slug);
        assertThat(Tokens.claims(Tokens.clientCredentials(slug + ".bot", sa.getClientSecret())).path("tenant").asText())
                .isEqualTo(slug);
        // A second pass finds nothing to do.
        assertThat(admin.tenants().repairTenants().getActions()).noneSatisfy(a -> assertThat(a.getTenant()).isEqualTo(slug));
    }

    @Test
    void aGroupRenamedByHandIsSetBack() throws ApiException {
        String slug = prefix + "-y";
        Api admin = Api.as("admin");
        admin.tenants().createTenant(new TenantCreate().slug(slug).displayName("Y"));
        RealmAdmin.renameGroup("/tenants/" + slug, slug + "-renamed");
        assertThat(RealmAdmin.group("/tenants/" + slug)).isEmpty();

        TenantRepairReport report = admin.tenants().repairTenants();
        assertThat(report.getActions()).anySatisfy(a -> {
            assertThat(a.getTenant()).isEqualTo(slug);
            assertThat(a.getAction()).isEqualTo("group_fixed");
        });
        assertThat(RealmAdmin.group("/tenants/" + slug)).isPresent();
        assertThat(RealmAdmin.group("/tenants/" + slug + "-renamed")).isEmpty();
    }

    @Test
    void aTenantWhoseRequestDiedIsProvisionedByTheRepairPass() throws ApiException {
        String slug = prefix + "-z";
        // What a broker killed right after recording the request leaves behind.
        TestDatabase.execute("INSERT INTO tenant (slug, display_name, status, created_by, updated_at) VALUES ('" + slug
                + "', 'Z', 'PROVISIONING', 'admin', now() - interval '1 hour')");

        TenantRepairReport report = Api.as("admin").tenants().repairTenants();
        assertThat(report.getActions()).anySatisfy(a -> {
            assertThat(a.getTenant()).isEqualTo(slug);
            assertThat(a.getAction()).isEqualTo("provisioning_retried");
            assertThat(a.getDetail()).startsWith("ACTIVE");
        });
        assertThat(Api.as("admin").tenants().getTenant(slug).getStatus()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(RealmAdmin.group("/tenants/" + slug)).isPresent();
    }

    @Test
    void groupsBerthDoesNotManageAreReportedAndLeftAlone() throws ApiException {
        String stray = prefix + "-stray";
        RealmAdmin.createTenantGroup(stray);

        TenantRepairReport report = Api.as("admin").tenants().repairTenants();
        assertThat(report.getUnmanaged()).extracting(u -> u.getPath()).contains("/tenants/" + stray);
        assertThat(RealmAdmin.group("/tenants/" + stray)).isPresent();
    }

    @Test
    void realmTenantsWorkUnmanagedAndCanBeAdoptedAsTheyAre() throws ApiException {
        Api admin = Api.as("admin");
        assertThat(admin.tenants().repairTenants().getUnmanaged()).extracting(u -> u.getPath()).contains("/tenants/globex");
        // Legacy-active: bob works although Berth has no row for globex.
        assertThat(Api.as("bob").workloads().listWorkloads(null, null, null, null).getItems()).isNotNull();
        String groupId = RealmAdmin.group("/tenants/globex").orElseThrow().getId();

        TenantCreated adopted = admin.tenants().createTenant(new TenantCreate().slug("globex").displayName("Globex Corporation"));

        assertThat(adopted.getTenant().getStatus()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(adopted.getTenant().getGroupId()).isEqualTo(groupId);
        assertThat(adopted.getFirstAdmin()).isNull();
        assertThat(RealmAdmin.group("/tenants/globex").orElseThrow().getId()).isEqualTo(groupId);
        assertThat(Tokens.claims(Tokens.user("bob")).path("tenant").asText()).isEqualTo("globex");
        assertThat(admin.tenants().repairTenants().getUnmanaged()).extracting(u -> u.getPath()).doesNotContain("/tenants/globex");
    }
}
