package dev.berth.broker.members;

import java.util.UUID;
import java.util.stream.Stream;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Member;
import dev.berth.sdk.model.MemberCreate;
import dev.berth.sdk.model.MemberCreated;
import dev.berth.sdk.model.MemberRole;
import dev.berth.sdk.model.ServiceAccountCreate;
import dev.berth.sdk.model.ServiceAccountSecret;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tenant admins manage the people and service accounts of their own tenant only: carol
 * (tenant-admin of acme) manages acme's, gets 404 for everything of globex's, and the
 * tenant's plain users get 403. Platform admins name the tenant. Against the real Keycloak.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembersTest {

    private final String prefix = "mem-" + UUID.randomUUID().toString().substring(0, 6);
    private UUID bob;
    private ServiceAccountSecret globexAccount;

    @BeforeAll
    void globexHasAServiceAccount() throws ApiException {
        TestDatabase.reset();
        bob = UUID.fromString(RealmAdmin.user("bob").orElseThrow().getId());
        globexAccount = Api.as("admin").serviceAccounts().createServiceAccount(new ServiceAccountCreate().name(prefix), "globex");
    }

    @AfterAll
    void cleanUp() throws ApiException {
        Api.as("admin").serviceAccounts().deleteServiceAccount(globexAccount.getServiceAccount().getId(), "globex");
        RealmAdmin.cleanUp(prefix);
    }

    @Test
    void aTenantAdminSeesThePeopleOfTheTenantWithTheirRoles() throws ApiException {
        assertThat(Api.as("carol").members().listMembers(null).getItems())
                .extracting(Member::getUsername).contains("alice", "carol", "dave")
                .doesNotContain("bob", "service-account-acme-automation");
        Member carol = find("carol");
        assertThat(carol.getRoles()).containsExactlyInAnyOrder(MemberRole.TENANT_ADMIN, MemberRole.TENANT_USER);
        assertThat(find("alice").getRoles()).containsExactly(MemberRole.TENANT_USER);
        assertThat(find("dave").getRoles()).isEmpty();
    }

    @Test
    void aPersonIsAddedPromotedDemotedAndRemoved() throws ApiException {
        Api carol = Api.as("carol");
        String username = prefix + "-new";
        MemberCreated added = carol.members().addMember(new MemberCreate().username(username).email(username + "@acme.example")
                .firstName("New").lastName("Person"), null);
        assertThat(added.getTemporaryPassword()).isNotBlank();
        assertThat(added.getMember().getRoles()).containsExactly(MemberRole.TENANT_USER);
        assertThat(added.getMember().getPendingActions()).contains("UPDATE_PASSWORD");
        UUID id = added.getMember().getId();
        assertThat(RealmAdmin.groupPathsOf(id.toString())).containsExactly("/tenants/acme");

        assertThat(carol.members().grantTenantAdmin(id, null).getRoles()).contains(MemberRole.TENANT_ADMIN);
        assertThat(RealmAdmin.realmRolesOf(id.toString())).contains("tenant-admin");
        assertThat(carol.members().revokeTenantAdmin(id, null).getRoles()).containsExactly(MemberRole.TENANT_USER);
        assertThat(RealmAdmin.realmRolesOf(id.toString())).doesNotContain("tenant-admin");
        // Berth created this account for acme, so acme may reset its password.
        MemberCreated reset = carol.members().resetMemberPassword(id, null);
        assertThat(reset.getTemporaryPassword()).isNotBlank().isNotEqualTo(added.getTemporaryPassword());

        carol.members().removeMember(id, null);
        assertThat(carol.members().listMembers(null).getItems()).extracting(Member::getUsername).doesNotContain(username);
        assertThat(RealmAdmin.groupPathsOf(id.toString())).isEmpty();
        assertThat(RealmAdmin.realmRolesOf(id.toString())).doesNotContain("tenant-user", "tenant-admin");

        // The account, now in no tenant, is not joined again by naming it: only an invitation its owner accepts does.
        assertThat(code(() -> carol.members().addMember(new MemberCreate().username(username).tenantAdmin(true), null)))
                .isEqualTo("member.unavailable");
        assertThat(RealmAdmin.groupPathsOf(id.toString())).isEmpty();
        assertThat(RealmAdmin.realmRolesOf(id.toString())).doesNotContain("tenant-user", "tenant-admin");
    }

    @Test
    void accountsOfOtherTenantsAndPlatformAdminsCannotBeAdded() {
        Api carol = Api.as("carol");
        assertThat(code(() -> carol.members().addMember(new MemberCreate().username("bob"), null))).isEqualTo("member.unavailable");
        assertThat(code(() -> carol.members().addMember(new MemberCreate().username("admin"), null))).isEqualTo("member.unavailable");
        assertThat(code(() -> carol.members().addMember(new MemberCreate().username("alice"), null))).isEqualTo("member.unavailable");
        assertThat(code(() -> carol.members().addMember(new MemberCreate().username(prefix + "-dup")
                .email("bob@globex.example"), null))).isEqualTo("member.unavailable");
        assertThat(RealmAdmin.user(prefix + "-dup")).isEmpty();
        assertThat(RealmAdmin.groupPathsOf(bob.toString())).containsExactly("/tenants/globex");
    }

    @Test
    void aTenantAdminCannotResetAnAccountBerthDidNotCreateForTheTenant() {
        // alice is acme's, but her account came with the realm: acme never held her password.
        UUID alice = UUID.fromString(RealmAdmin.user("alice").orElseThrow().getId());
        ApiException e = catchThrowableOfType(ApiException.class, () -> Api.as("carol").members().resetMemberPassword(alice, null));
        assertThat(e.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(e)).isEqualTo("member.not_found");
        assertThat(Tokens.user("alice")).isNotBlank();
    }

    @Test
    void platformAdminsNameTheTenant() throws ApiException {
        Api admin = Api.as("admin");
        ApiException missing = catchThrowableOfType(ApiException.class, () -> admin.members().listMembers(null));
        assertThat(missing.getCode()).isEqualTo(400);
        assertThat(BerthProblems.code(missing)).isEqualTo("request.invalid");
        assertThat(admin.members().listMembers("globex").getItems()).extracting(Member::getUsername).contains("bob");
        assertThat(code(() -> admin.members().listMembers("no-such-tenant"))).isEqualTo("tenant.not_found");
        assertThat(admin.serviceAccounts().listServiceAccounts("globex").getItems())
                .extracting(a -> a.getClientId()).contains("globex." + prefix);
    }

    interface Call {
        Object run(Api api, UUID bob, UUID globexAccount) throws ApiException;
    }

    Stream<Arguments> globexRoutes() {
        return Stream.of(
                Arguments.of("remove member", (Call) (a, b, s) -> { a.members().removeMember(b, null); return null; }, "member.not_found"),
                Arguments.of("grant admin", (Call) (a, b, s) -> a.members().grantTenantAdmin(b, null), "member.not_found"),
                Arguments.of("revoke admin", (Call) (a, b, s) -> a.members().revokeTenantAdmin(b, null), "member.not_found"),
                Arguments.of("reset password", (Call) (a, b, s) -> a.members().resetMemberPassword(b, null), "member.not_found"),
                Arguments.of("list globex members", (Call) (a, b, s) -> a.members().listMembers("globex"), "tenant.not_found"),
                Arguments.of("add to globex", (Call) (a, b, s) -> a.members().addMember(new MemberCreate().username(prefix + "-x"), "globex"), "tenant.not_found"),
                Arguments.of("remove via globex", (Call) (a, b, s) -> { a.members().removeMember(b, "globex"); return null; }, "tenant.not_found"),
                Arguments.of("grant via globex", (Call) (a, b, s) -> a.members().grantTenantAdmin(b, "globex"), "tenant.not_found"),
                Arguments.of("rotate globex SA", (Call) (a, b, s) -> a.serviceAccounts().rotateServiceAccountSecret(s, null), "service_account.not_found"),
                Arguments.of("delete globex SA", (Call) (a, b, s) -> { a.serviceAccounts().deleteServiceAccount(s, null); return null; }, "service_account.not_found"),
                Arguments.of("list globex SAs", (Call) (a, b, s) -> a.serviceAccounts().listServiceAccounts("globex"), "tenant.not_found"),
                Arguments.of("create in globex", (Call) (a, b, s) -> a.serviceAccounts().createServiceAccount(new ServiceAccountCreate().name("xx"), "globex"), "tenant.not_found"),
                Arguments.of("rotate via globex", (Call) (a, b, s) -> a.serviceAccounts().rotateServiceAccountSecret(s, "globex"), "tenant.not_found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("globexRoutes")
    void acmesTenantAdminCannotReachGlobex(String route, Call call, String expected) throws ApiException {
        ApiException e = catchThrowableOfType(ApiException.class, () -> call.run(Api.as("carol"), bob, globexAccount.getServiceAccount().getId()));
        assertThat(e.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(e)).isEqualTo(expected);
        // Nothing changed on globex's side.
        assertThat(RealmAdmin.groupPathsOf(bob.toString())).containsExactly("/tenants/globex");
        assertThat(RealmAdmin.realmRolesOf(bob.toString())).contains("tenant-user").doesNotContain("tenant-admin");
        assertThat(Tokens.clientCredentialsStatus("globex." + prefix, globexAccount.getClientSecret())).isEqualTo(200);
        assertThat(RealmAdmin.user(prefix + "-x")).isEmpty();
        assertThat(RealmAdmin.client("globex.xx")).isEmpty();
    }

    Stream<Arguments> everyRoute() {
        UUID someone = UUID.randomUUID();
        return Stream.of(
                Arguments.of("list members", (Call) (a, b, s) -> a.members().listMembers(null)),
                Arguments.of("add member", (Call) (a, b, s) -> a.members().addMember(new MemberCreate().username(prefix + "-y"), null)),
                Arguments.of("remove member", (Call) (a, b, s) -> { a.members().removeMember(someone, null); return null; }),
                Arguments.of("grant admin", (Call) (a, b, s) -> a.members().grantTenantAdmin(someone, null)),
                Arguments.of("revoke admin", (Call) (a, b, s) -> a.members().revokeTenantAdmin(someone, null)),
                Arguments.of("reset password", (Call) (a, b, s) -> a.members().resetMemberPassword(someone, null)),
                Arguments.of("list SAs", (Call) (a, b, s) -> a.serviceAccounts().listServiceAccounts(null)),
                Arguments.of("create SA", (Call) (a, b, s) -> a.serviceAccounts().createServiceAccount(new ServiceAccountCreate().name("yy"), null)),
                Arguments.of("rotate SA", (Call) (a, b, s) -> a.serviceAccounts().rotateServiceAccountSecret(someone, null)),
                Arguments.of("delete SA", (Call) (a, b, s) -> { a.serviceAccounts().deleteServiceAccount(someone, null); return null; }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRoute")
    void tenantUsersCannotManageIdentities(String route, Call call) {
        for (Api caller : new Api[] {Api.as("alice"), Api.as("dave"), Api.asServiceAccount("acme-automation")}) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> call.run(caller, bob, UUID.randomUUID()));
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(BerthProblems.code(e)).isEqualTo("auth.forbidden");
        }
        assertThat(RealmAdmin.user(prefix + "-y")).isEmpty();
        assertThat(RealmAdmin.client("acme.yy")).isEmpty();
    }

    @Test
    void aTenantAdminMayGiveAServiceAccountTenantAdmin() throws ApiException {
        Api carol = Api.as("carol");
        ServiceAccountSecret ops = carol.serviceAccounts().createServiceAccount(new ServiceAccountCreate().name(prefix + "-ops")
                .role(MemberRole.TENANT_ADMIN), null);
        try {
            assertThat(ops.getServiceAccount().getRole()).isEqualTo(MemberRole.TENANT_ADMIN);
            var claims = Tokens.claims(Tokens.clientCredentials("acme." + prefix + "-ops", ops.getClientSecret()));
            assertThat(claims.path("tenant").asText()).isEqualTo("acme");
            assertThat(claims.path("realm_access").path("roles").toString()).contains("tenant-admin");
            assertThat(code(() -> carol.serviceAccounts().createServiceAccount(new ServiceAccountCreate().name(prefix + "-ops"), null)))
                    .isEqualTo("service_account.name_taken");
        } finally {
            carol.serviceAccounts().deleteServiceAccount(ops.getServiceAccount().getId(), null);
        }
        assertThat(RealmAdmin.client("acme." + prefix + "-ops")).isEmpty();
    }

    private static Member find(String username) throws ApiException {
        return Api.as("carol").members().listMembers(null).getItems().stream()
                .filter(m -> m.getUsername().equals(username)).findFirst().orElseThrow();
    }

    interface Thrower {
        Object run() throws ApiException;
    }

    private static String code(Thrower call) {
        return BerthProblems.code(catchThrowableOfType(ApiException.class, call::run));
    }
}
