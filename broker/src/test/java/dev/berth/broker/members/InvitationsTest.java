package dev.berth.broker.members;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.AcceptInvitationRequest;
import dev.berth.grpc.v1.CreateInvitationRequest;
import dev.berth.grpc.v1.InvitationRequest;
import dev.berth.grpc.v1.InvitationWithToken;
import dev.berth.grpc.v1.InvitationsRequest;
import dev.berth.grpc.v1.MemberRequest;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Invitation;
import dev.berth.sdk.model.InvitationAccept;
import dev.berth.sdk.model.InvitationAccepted;
import dev.berth.sdk.model.InvitationCreate;
import dev.berth.sdk.model.InvitationCreated;
import dev.berth.sdk.model.Member;
import dev.berth.sdk.model.MemberRole;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.berth.broker.members.TenantPeople.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Invitations, the only way an existing person joins a tenant: the invited person is no
 * member until they accept, signed in as themselves; nobody else can accept for them; the
 * tenant can list and cancel its pending invitations, another tenant cannot see or touch
 * them; expired, cancelled and replaced tokens are dead. REST and gRPC, real Keycloak.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationsTest {

    private final TenantPeople people = new TenantPeople("inv");
    private final String tenantA = people.prefix + "-a";
    private final String tenantB = people.prefix + "-b";
    private GrpcCalls grpc;

    @BeforeAll
    void twoTenants() throws ApiException {
        TestDatabase.reset();
        grpc = new GrpcCalls();
        people.tenant(tenantA);
        people.tenant(tenantB);
    }

    @AfterAll
    void cleanUp() throws Exception {
        grpc.close();
        people.cleanUp(List.of(tenantA, tenantB));
    }

    @Test
    void anInvitedPersonWhoLeftABecomesAMemberOfBOnlyWhenTheyAccept() throws ApiException {
        String person = people.prefix + "-joiner";
        UUID id = people.formerMember(tenantA, person);
        String stranger = people.prefix + "-stranger";
        people.formerMember(tenantA, stranger);

        InvitationCreated invited = b().invitations().createInvitation(new InvitationCreate().username(person), null);
        assertThat(invited.getToken()).hasSize(43);
        assertThat(invited.getInvitation().getTenant()).isEqualTo(tenantB);
        assertThat(invited.getInvitation().getExpiresAt()).isAfter(invited.getInvitation().getCreatedAt());
        // Not a member yet: no group, no roles, not listed; the invitation is.
        assertThat(RealmAdmin.groupPathsOf(id.toString())).isEmpty();
        assertThat(RealmAdmin.realmRolesOf(id.toString())).doesNotContain("tenant-user", "tenant-admin");
        assertThat(b().members().listMembers(null).getItems()).extracting(Member::getUsername).doesNotContain(person);
        assertThat(b().invitations().listInvitations(null).getItems()).extracting(Invitation::getId)
                .contains(invited.getInvitation().getId());
        // Only the token is stored hashed, never the token itself.
        assertThat(TestDatabase.longValue("SELECT count(*) FROM member_invitation i WHERE row_to_json(i)::text LIKE '%"
                + invited.getToken() + "%'")).isZero();

        // Someone else holding the token cannot accept it: a person in no tenant, another tenant's member, B's own admin.
        for (String other : List.of(stranger, admin(tenantA), admin(tenantB))) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> people.as(other).invitations()
                    .acceptInvitation(new InvitationAccept().token(invited.getToken())));
            assertThat(e.getCode()).as(other).isEqualTo(404);
            assertThat(BerthProblems.code(e)).isEqualTo("invitation.not_found");
        }
        ApiException bob = catchThrowableOfType(ApiException.class, () -> Api.as("bob").invitations()
                .acceptInvitation(new InvitationAccept().token(invited.getToken())));
        assertThat(BerthProblems.code(bob)).isEqualTo("invitation.not_found");
        assertThat(RealmAdmin.user("bob").map(u -> RealmAdmin.groupPathsOf(u.getId())).orElseThrow())
                .containsExactly("/tenants/globex");
        assertThat(RealmAdmin.user(stranger).map(u -> RealmAdmin.groupPathsOf(u.getId())).orElseThrow()).isEmpty();

        InvitationAccepted accepted = people.as(person).invitations().acceptInvitation(new InvitationAccept().token(invited.getToken()));
        assertThat(accepted.getTenant()).isEqualTo(tenantB);
        assertThat(accepted.getRoles()).containsExactly(MemberRole.TENANT_USER);
        assertThat(RealmAdmin.groupPathsOf(id.toString())).containsExactly("/tenants/" + tenantB);
        assertThat(Tokens.claims(people.token(person)).path("tenant").asText()).isEqualTo(tenantB);
        assertThat(b().members().listMembers(null).getItems()).extracting(Member::getUsername).contains(person);
        assertThat(b().invitations().listInvitations(null).getItems()).extracting(Invitation::getId)
                .doesNotContain(invited.getInvitation().getId());

        // A token works once; and B, which did not create the account, cannot reset its password.
        assertThat(BerthProblems.code(catchThrowableOfType(ApiException.class, () -> people.as(person).invitations()
                .acceptInvitation(new InvitationAccept().token(invited.getToken()))))).isEqualTo("invitation.not_found");
        assertThat(BerthProblems.code(catchThrowableOfType(ApiException.class, () -> b().members()
                .resetMemberPassword(id, null)))).isEqualTo("member.not_found");
        assertThat(Tokens.password(person, people.password(person))).isNotBlank();
    }

    @Test
    void theSameOverGrpcWithTenantAdmin() {
        String person = people.prefix + "-grpc";
        UUID id = formerMember(person);
        InvitationWithToken invited = grpc.invitations(people.token(admin(tenantB))).createInvitation(
                CreateInvitationRequest.newBuilder().setUsername(person).setTenantAdmin(true).build());
        assertThat(invited.getInvitation().getTenantAdmin()).isTrue();
        assertThat(grpc.invitations(people.token(admin(tenantB))).listInvitations(InvitationsRequest.getDefaultInstance())
                .getItemsList()).extracting(dev.berth.grpc.v1.Invitation::getUsername).contains(person);

        StatusRuntimeException notTheirs = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.invitations(Tokens.user("bob"))
                .acceptInvitation(AcceptInvitationRequest.newBuilder().setToken(invited.getToken()).build()));
        assertThat(notTheirs.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcCalls.errorCode(notTheirs)).isEqualTo("invitation.not_found");
        assertThat(RealmAdmin.groupPathsOf(id.toString())).isEmpty();

        dev.berth.grpc.v1.InvitationAccepted accepted = grpc.invitations(people.token(person)).acceptInvitation(
                AcceptInvitationRequest.newBuilder().setToken(invited.getToken()).build());
        assertThat(accepted.getTenant()).isEqualTo(tenantB);
        assertThat(accepted.getRolesList()).containsExactlyInAnyOrder("tenant-admin", "tenant-user");
        assertThat(RealmAdmin.realmRolesOf(id.toString())).contains("tenant-admin");

        StatusRuntimeException reset = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.members(people.token(admin(tenantB)))
                .resetMemberPassword(MemberRequest.newBuilder().setUserId(id.toString()).build()));
        assertThat(reset.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcCalls.errorCode(reset)).isEqualTo("member.not_found");
    }

    @Test
    void cancelledReplacedAndExpiredInvitationsAreDead() throws ApiException {
        String person = people.prefix + "-late";
        UUID id = formerMember(person);
        InvitationAccept first = new InvitationAccept().token(b().invitations()
                .createInvitation(new InvitationCreate().username(person), null).getToken());
        InvitationCreated second = b().invitations().createInvitation(new InvitationCreate().username(person), null);
        assertThat(b().invitations().listInvitations(null).getItems()).filteredOn(i -> i.getUsername().equals(person)).hasSize(1);
        assertThat(notFound(() -> people.as(person).invitations().acceptInvitation(first))).isEqualTo("invitation.not_found");

        b().invitations().cancelInvitation(second.getInvitation().getId(), null);
        assertThat(notFound(() -> people.as(person).invitations().acceptInvitation(new InvitationAccept().token(second.getToken()))))
                .isEqualTo("invitation.not_found");
        assertThat(notFound(() -> { b().invitations().cancelInvitation(second.getInvitation().getId(), null); return null; }))
                .isEqualTo("invitation.not_found");

        InvitationCreated third = b().invitations().createInvitation(new InvitationCreate().username(person), null);
        TestDatabase.execute("UPDATE member_invitation SET expires_at = now() - interval '1 second' WHERE id = '"
                + third.getInvitation().getId() + "'");
        assertThat(b().invitations().listInvitations(null).getItems()).extracting(Invitation::getId)
                .doesNotContain(third.getInvitation().getId());
        assertThat(notFound(() -> people.as(person).invitations().acceptInvitation(new InvitationAccept().token(third.getToken()))))
                .isEqualTo("invitation.not_found");
        assertThat(RealmAdmin.groupPathsOf(id.toString())).isEmpty();
    }

    /** Inviting says nothing about the username: an unknown name and another tenant's member get the same answer. */
    @Test
    void invitingRevealsNothingAndAMemberOfAnotherTenantCannotAccept() throws ApiException {
        InvitationCreated ghost = b().invitations().createInvitation(new InvitationCreate().username(people.prefix + "-nobody"), null);
        InvitationCreated bob = b().invitations().createInvitation(new InvitationCreate().username("bob"), null);
        assertThat(ghost.getInvitation().getInvitedBy()).isEqualTo(bob.getInvitation().getInvitedBy());
        assertThat(ghost.getInvitation().getTenantAdmin()).isEqualTo(bob.getInvitation().getTenantAdmin());

        ApiException e = catchThrowableOfType(ApiException.class, () -> Api.as("bob").invitations()
                .acceptInvitation(new InvitationAccept().token(bob.getToken())));
        assertThat(e.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(e)).isEqualTo("invitation.not_acceptable");
        assertThat(RealmAdmin.user("bob").map(u -> RealmAdmin.groupPathsOf(u.getId())).orElseThrow())
                .containsExactly("/tenants/globex");
        b().invitations().cancelInvitation(ghost.getInvitation().getId(), null);
        b().invitations().cancelInvitation(bob.getInvitation().getId(), null);
    }

    @Test
    void anotherTenantCannotSeeOrCancelTheInvitations() throws ApiException {
        InvitationCreated invited = b().invitations().createInvitation(new InvitationCreate().username(people.prefix + "-x"), null);
        UUID id = invited.getInvitation().getId();
        Api a = people.as(admin(tenantA));
        assertThat(a.invitations().listInvitations(null).getItems()).extracting(Invitation::getId).doesNotContain(id);
        assertThat(status(() -> a.invitations().listInvitations(tenantB))).isEqualTo("404 tenant.not_found");
        assertThat(status(() -> { a.invitations().cancelInvitation(id, null); return null; })).isEqualTo("404 invitation.not_found");
        assertThat(status(() -> { a.invitations().cancelInvitation(id, tenantB); return null; })).isEqualTo("404 tenant.not_found");
        assertThat(status(() -> a.invitations().createInvitation(new InvitationCreate().username("bob"), tenantB)))
                .isEqualTo("404 tenant.not_found");
        for (String user : List.of("alice", "dave")) {
            Api plain = Api.as(user);
            assertThat(status(() -> plain.invitations().listInvitations(null))).isEqualTo("403 auth.forbidden");
            assertThat(status(() -> plain.invitations().createInvitation(new InvitationCreate().username("bob"), null)))
                    .isEqualTo("403 auth.forbidden");
            assertThat(status(() -> { plain.invitations().cancelInvitation(id, null); return null; })).isEqualTo("403 auth.forbidden");
        }

        String aToken = people.token(admin(tenantA));
        assertThat(grpcStatus(() -> grpc.invitations(aToken).cancelInvitation(InvitationRequest.newBuilder()
                .setInvitationId(id.toString()).build()))).isEqualTo("NOT_FOUND invitation.not_found");
        assertThat(grpcStatus(() -> grpc.invitations(aToken).listInvitations(InvitationsRequest.newBuilder()
                .setTenant(tenantB).build()))).isEqualTo("NOT_FOUND tenant.not_found");
        assertThat(grpcStatus(() -> grpc.invitations(aToken).createInvitation(CreateInvitationRequest.newBuilder()
                .setTenant(tenantB).setUsername("bob").build()))).isEqualTo("NOT_FOUND tenant.not_found");
        assertThat(grpc.invitations(aToken).listInvitations(InvitationsRequest.getDefaultInstance()).getItemsList())
                .extracting(dev.berth.grpc.v1.Invitation::getId).doesNotContain(id.toString());
        assertThat(grpcStatus(() -> grpc.invitations(Tokens.user("alice")).listInvitations(InvitationsRequest.getDefaultInstance())))
                .isEqualTo("PERMISSION_DENIED auth.forbidden");

        // Still there for B, and B can cancel it; a platform admin names the tenant.
        assertThat(Api.as("admin").invitations().listInvitations(tenantB).getItems()).extracting(Invitation::getId).contains(id);
        b().invitations().cancelInvitation(id, null);
        assertThat(b().invitations().listInvitations(null).getItems()).extracting(Invitation::getId).doesNotContain(id);
    }

    static Stream<Arguments> badRequests() {
        String token = "A".repeat(43);
        return Stream.of(
                Arguments.of("POST", "/v1/tenant/invitations", "{}"),
                Arguments.of("POST", "/v1/tenant/invitations", "{\"username\":\"Not Valid\"}"),
                Arguments.of("POST", "/v1/tenant/invitations", "{\"username\":\"x\"}"),
                Arguments.of("POST", "/v1/tenant/invitations", "{\"username\":\"okname\",\"role\":\"platform-admin\"}"),
                Arguments.of("POST", "/v1/tenant/invitations?tenant=Bad_Slug", "{\"username\":\"okname\"}"),
                Arguments.of("GET", "/v1/tenant/invitations?tenant=Bad_Slug", null),
                Arguments.of("DELETE", "/v1/tenant/invitations/not-a-uuid", null),
                Arguments.of("POST", "/v1/invitations/accept", "{}"),
                Arguments.of("POST", "/v1/invitations/accept", "{\"token\":\"short\"}"),
                Arguments.of("POST", "/v1/invitations/accept", "{\"token\":\"" + token.substring(1) + "!\"}"),
                Arguments.of("POST", "/v1/invitations/accept", "{\"token\":\"" + token + "\",\"tenant\":\"acme\"}"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badRequests")
    void badInputIsRefusedAndNothingIsStored(String method, String path, String body) {
        long before = TestDatabase.longValue("SELECT count(*) FROM member_invitation");
        var request = given().auth().oauth2(people.token(admin(tenantB)));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        request.when().request(method, path).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("request.invalid"));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM member_invitation")).isEqualTo(before);
    }

    @Test
    void badInputOverGrpcAndUnknownOrAnonymousAcceptance() {
        long before = TestDatabase.longValue("SELECT count(*) FROM member_invitation");
        String bToken = people.token(admin(tenantB));
        assertThat(grpcStatus(() -> grpc.invitations(bToken).createInvitation(CreateInvitationRequest.newBuilder()
                .setUsername("Not Valid").build()))).isEqualTo("INVALID_ARGUMENT request.invalid");
        assertThat(grpcStatus(() -> grpc.invitations(bToken).createInvitation(CreateInvitationRequest.newBuilder()
                .setUsername("okname").setTenant("Bad_Slug").build()))).isEqualTo("INVALID_ARGUMENT request.invalid");
        assertThat(grpcStatus(() -> grpc.invitations(bToken).cancelInvitation(InvitationRequest.newBuilder()
                .setInvitationId("not-a-uuid").build()))).isEqualTo("INVALID_ARGUMENT request.invalid");
        assertThat(grpcStatus(() -> grpc.invitations(bToken).acceptInvitation(AcceptInvitationRequest.newBuilder()
                .setToken("short").build()))).isEqualTo("INVALID_ARGUMENT request.invalid");
        assertThat(grpcStatus(() -> grpc.invitations(bToken).acceptInvitation(AcceptInvitationRequest.newBuilder()
                .setToken("A".repeat(43)).build()))).isEqualTo("NOT_FOUND invitation.not_found");
        assertThat(grpcStatus(() -> grpc.invitations(null).acceptInvitation(AcceptInvitationRequest.newBuilder()
                .setToken("A".repeat(43)).build()))).startsWith("UNAUTHENTICATED");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM member_invitation")).isEqualTo(before);

        given().auth().oauth2(bToken).contentType("application/json").body(Map.of("token", "A".repeat(43)))
                .when().post("/v1/invitations/accept").then().statusCode(404).body("code", equalTo("invitation.not_found"));
        given().contentType("application/json").body(Map.of("token", "A".repeat(43)))
                .when().post("/v1/invitations/accept").then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
    }

    // --- helpers --------------------------------------------------------------------------

    private Api b() {
        return people.as(admin(tenantB));
    }

    private UUID formerMember(String username) {
        try {
            return people.formerMember(tenantA, username);
        } catch (ApiException e) {
            throw new AssertionError(e.getResponseBody(), e);
        }
    }

    interface Call {
        Object run() throws ApiException;
    }

    private static String notFound(Call call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e.getCode()).isEqualTo(404);
        return BerthProblems.code(e);
    }

    private static String status(Call call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        return e.getCode() + " " + BerthProblems.code(e);
    }

    private static String grpcStatus(Runnable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        return e.getStatus().getCode() + " " + GrpcCalls.errorCode(e);
    }
}
