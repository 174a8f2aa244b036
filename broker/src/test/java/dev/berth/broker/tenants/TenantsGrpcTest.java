package dev.berth.broker.tenants;

import java.util.UUID;
import java.util.function.Supplier;

import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateServiceAccountRequest;
import dev.berth.grpc.v1.CreateTenantRequest;
import dev.berth.grpc.v1.CreateTenantResponse;
import dev.berth.grpc.v1.DeleteTenantRequest;
import dev.berth.grpc.v1.FirstAdmin;
import dev.berth.grpc.v1.ListTenantsRequest;
import dev.berth.grpc.v1.MemberRequest;
import dev.berth.grpc.v1.MembersRequest;
import dev.berth.grpc.v1.ServiceAccountRequest;
import dev.berth.grpc.v1.ServiceAccountWithSecret;
import dev.berth.grpc.v1.ServiceAccountsRequest;
import dev.berth.grpc.v1.TenantRequest;
import dev.berth.grpc.v1.UpdateTenantRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The gRPC twins of the tenant, member and service-account routes: same outcomes, same
 * isolation (NOT_FOUND for globex's objects), same roles (PERMISSION_DENIED), same
 * validation (INVALID_ARGUMENT, nothing written), same stable codes in the trailer.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantsGrpcTest {

    private final String slug = "grpc-" + UUID.randomUUID().toString().substring(0, 8);
    private GrpcCalls grpc;

    @BeforeAll
    void open() {
        TestDatabase.reset();
        grpc = new GrpcCalls();
    }

    @AfterAll
    void close() throws InterruptedException {
        grpc.close();
        RealmAdmin.cleanUp(slug);
    }

    @Test
    void aTenantsWholeLifeOverGrpc() {
        String admin = Tokens.user("admin");
        CreateTenantResponse created = grpc.tenants(admin).createTenant(CreateTenantRequest.newBuilder().setSlug(slug)
                .setDisplayName("Over gRPC").putLabels("tier", "silver")
                .setFirstAdmin(FirstAdmin.newBuilder().setUsername(slug + "-admin").setEmail(slug + "@grpc.example")
                        .setFirstName("G").setLastName("R")).build());
        assertThat(created.getTenant().getStatus()).isEqualTo("ACTIVE");
        assertThat(created.getTenant().getLabelsMap()).containsEntry("tier", "silver");
        assertThat(created.getFirstAdmin().getTemporaryPassword()).isNotBlank();
        assertThat(RealmAdmin.group("/tenants/" + slug)).isPresent();

        assertThat(grpc.tenants(admin).listTenants(ListTenantsRequest.getDefaultInstance()).getItemsList())
                .extracting(t -> t.getSlug()).contains(slug);
        assertThat(grpc.tenants(admin).suspendTenant(TenantRequest.newBuilder().setTenant(slug).build()).getStatus())
                .isEqualTo("SUSPENDED");
        assertThat(grpc.tenants(admin).resumeTenant(TenantRequest.newBuilder().setTenant(slug).build()).getStatus())
                .isEqualTo("ACTIVE");
        assertThat(grpc.tenants(admin).updateTenant(UpdateTenantRequest.newBuilder().setTenant(slug)
                .setDisplayName("Renamed").build()).getDisplayName()).isEqualTo("Renamed");
        assertThat(RealmAdmin.group("/tenants/" + slug).orElseThrow().getAttributes().get("displayName").get(0))
                .isEqualTo("Renamed");

        ServiceAccountWithSecret bot = grpc.serviceAccounts(admin).createServiceAccount(CreateServiceAccountRequest.newBuilder()
                .setTenant(slug).setName("bot").build());
        assertThat(Tokens.claims(Tokens.clientCredentials(slug + ".bot", bot.getClientSecret())).path("tenant").asText())
                .isEqualTo(slug);

        assertThat(grpc.tenants(admin).deleteTenant(DeleteTenantRequest.newBuilder().setTenant(slug).build()).hasTenant())
                .isFalse();
        assertThat(code(Status.Code.NOT_FOUND, () -> grpc.tenants(admin).getTenant(TenantRequest.newBuilder().setTenant(slug).build())))
                .isEqualTo("tenant.not_found");
        assertThat(RealmAdmin.group("/tenants/" + slug)).isEmpty();
        assertThat(RealmAdmin.client(slug + ".bot")).isEmpty();
    }

    @Test
    void acmesTenantAdminReachesNothingOfGlobex() {
        String carol = Tokens.user("carol");
        String bob = RealmAdmin.user("bob").orElseThrow().getId();
        ServiceAccountWithSecret globexBot = grpc.serviceAccounts(Tokens.user("admin")).createServiceAccount(
                CreateServiceAccountRequest.newBuilder().setTenant("globex").setName(slug).build());
        try {
            assertThat(grpc.members(carol).listMembers(MembersRequest.getDefaultInstance()).getItemsList())
                    .extracting(m -> m.getUsername()).contains("alice").doesNotContain("bob");
            assertThat(code(Status.Code.NOT_FOUND, () -> grpc.members(carol).listMembers(MembersRequest.newBuilder()
                    .setTenant("globex").build()))).isEqualTo("tenant.not_found");
            assertThat(code(Status.Code.NOT_FOUND, () -> grpc.members(carol).removeMember(MemberRequest.newBuilder()
                    .setUserId(bob).build()))).isEqualTo("member.not_found");
            assertThat(code(Status.Code.NOT_FOUND, () -> grpc.members(carol).grantTenantAdmin(MemberRequest.newBuilder()
                    .setUserId(bob).build()))).isEqualTo("member.not_found");
            String botId = globexBot.getServiceAccount().getId();
            assertThat(code(Status.Code.NOT_FOUND, () -> grpc.serviceAccounts(carol).rotateServiceAccountSecret(
                    ServiceAccountRequest.newBuilder().setServiceAccountId(botId).build()))).isEqualTo("service_account.not_found");
            assertThat(code(Status.Code.NOT_FOUND, () -> grpc.serviceAccounts(carol).deleteServiceAccount(
                    ServiceAccountRequest.newBuilder().setServiceAccountId(botId).build()))).isEqualTo("service_account.not_found");
            assertThat(code(Status.Code.NOT_FOUND, () -> grpc.serviceAccounts(carol).listServiceAccounts(
                    ServiceAccountsRequest.newBuilder().setTenant("globex").build()))).isEqualTo("tenant.not_found");
            assertThat(RealmAdmin.groupPathsOf(bob)).containsExactly("/tenants/globex");
            assertThat(Tokens.clientCredentialsStatus("globex." + slug, globexBot.getClientSecret())).isEqualTo(200);
        } finally {
            grpc.serviceAccounts(Tokens.user("admin")).deleteServiceAccount(ServiceAccountRequest.newBuilder()
                    .setTenant("globex").setServiceAccountId(globexBot.getServiceAccount().getId()).build());
        }
    }

    @Test
    void rolesAreEnforced() {
        String alice = Tokens.user("alice");
        String carol = Tokens.user("carol");
        assertThat(code(Status.Code.PERMISSION_DENIED, () -> grpc.members(alice).listMembers(MembersRequest.getDefaultInstance())))
                .isEqualTo("auth.forbidden");
        assertThat(code(Status.Code.PERMISSION_DENIED, () -> grpc.serviceAccounts(alice).listServiceAccounts(
                ServiceAccountsRequest.getDefaultInstance()))).isEqualTo("auth.forbidden");
        assertThat(code(Status.Code.PERMISSION_DENIED, () -> grpc.tenants(carol).listTenants(ListTenantsRequest.getDefaultInstance())))
                .isEqualTo("auth.forbidden");
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String admin = Tokens.user("admin");
        String carol = Tokens.user("carol");
        assertThat(code(Status.Code.INVALID_ARGUMENT, () -> grpc.tenants(admin).createTenant(CreateTenantRequest.newBuilder()
                .setSlug("Bad_Slug").setDisplayName("x").build()))).isEqualTo("request.invalid");
        assertThat(code(Status.Code.INVALID_ARGUMENT, () -> grpc.tenants(admin).createTenant(CreateTenantRequest.newBuilder()
                .setSlug(slug + "-bad").setDisplayName("x").setFirstAdmin(FirstAdmin.newBuilder().setUsername("ok-name")
                        .setEmail("not-an-email")).build()))).isEqualTo("request.invalid");
        assertThat(code(Status.Code.INVALID_ARGUMENT, () -> grpc.tenants(admin).getTenant(TenantRequest.newBuilder()
                .setTenant("x").build()))).isEqualTo("request.invalid");
        assertThat(code(Status.Code.INVALID_ARGUMENT, () -> grpc.tenants(admin).updateTenant(UpdateTenantRequest.newBuilder()
                .setTenant("acme").setStatus("DELETED").build()))).isEqualTo("request.invalid");
        assertThat(code(Status.Code.INVALID_ARGUMENT, () -> grpc.members(carol).removeMember(MemberRequest.newBuilder()
                .setUserId("not-a-uuid").build()))).isEqualTo("request.invalid");
        assertThat(code(Status.Code.INVALID_ARGUMENT, () -> grpc.members(admin).listMembers(MembersRequest.getDefaultInstance())))
                .isEqualTo("request.invalid");
        assertThat(code(Status.Code.INVALID_ARGUMENT, () -> grpc.serviceAccounts(carol).createServiceAccount(
                CreateServiceAccountRequest.newBuilder().setName("").build()))).isEqualTo("request.invalid");
        assertThat(code(Status.Code.INVALID_ARGUMENT, () -> grpc.serviceAccounts(carol).createServiceAccount(
                CreateServiceAccountRequest.newBuilder().setName(slug).setRole("platform-admin").build()))).isEqualTo("request.invalid");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM tenant")).isZero();
        assertThat(RealmAdmin.group("/tenants/" + slug + "-bad")).isEmpty();
        assertThat(RealmAdmin.client("acme." + slug)).isEmpty();
    }

    private static String code(Status.Code expected, Supplier<?> call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::get);
        assertThat(e.getStatus().getCode()).isEqualTo(expected);
        return GrpcCalls.errorCode(e);
    }
}
