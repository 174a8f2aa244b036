package dev.berth.broker.members;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.AddMemberRequest;
import dev.berth.grpc.v1.MemberRequest;
import dev.berth.grpc.v1.MembersRequest;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Member;
import dev.berth.sdk.model.MemberCreate;
import dev.berth.sdk.model.MemberCreated;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.berth.broker.members.TenantPeople.admin;
import static dev.berth.broker.members.TenantPeople.person;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Regression for the account-claim finding of the security review (issue 13, finding 3): a
 * tenant-admin used to add an existing account that had left another tenant by naming it,
 * then reset its password and log in as that person; and the conflict codes told whose a
 * taken username was. Two tenants made for the test, A and B, against the real Keycloak:
 * people who left A cannot be added, reset or seen by B, over REST and gRPC; every "taken"
 * answer is the same bytes; B's own new accounts still work and can be reset.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountClaimTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantPeople people = new TenantPeople("clm");
    private final String prefix = people.prefix;
    private final String tenantA = prefix + "-a";
    private final String tenantB = prefix + "-b";
    private String leaver;
    private UUID leaverId;
    private GrpcCalls grpc;

    @BeforeAll
    void twoTenantsAndAPersonWhoLeftA() throws ApiException {
        TestDatabase.reset();
        grpc = new GrpcCalls();
        people.tenant(tenantA);
        people.tenant(tenantB);
        leaver = prefix + "-leaver";
        leaverId = people.formerMember(tenantA, leaver);
    }

    @AfterAll
    void cleanUp() throws Exception {
        grpc.close();
        people.cleanUp(List.of(tenantA, tenantB));
    }

    @Test
    void bCannotAddAPersonWhoLeftA() {
        ApiException byName = catchThrowableOfType(ApiException.class, () -> as(admin(tenantB)).members()
                .addMember(new MemberCreate().username(leaver).tenantAdmin(true), null));
        assertThat(byName.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(byName)).isEqualTo("member.unavailable");
        ApiException byEmail = catchThrowableOfType(ApiException.class, () -> as(admin(tenantB)).members()
                .addMember(person(prefix + "-other").email(leaver + "@example.test"), null));
        assertThat(BerthProblems.code(byEmail)).isEqualTo("member.unavailable");

        StatusRuntimeException overGrpc = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.members(token(admin(tenantB)))
                .addMember(AddMemberRequest.newBuilder().setUsername(leaver).setTenantAdmin(true).build()));
        assertThat(overGrpc.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(GrpcCalls.errorCode(overGrpc)).isEqualTo("member.unavailable");

        assertThat(RealmAdmin.groupPathsOf(leaverId.toString())).isEmpty();
        assertThat(RealmAdmin.realmRolesOf(leaverId.toString())).doesNotContain("tenant-user", "tenant-admin");
        assertThat(RealmAdmin.user(prefix + "-other")).isEmpty();
    }

    @Test
    void bCannotResetOrSeeAPersonWhoLeftA() throws ApiException {
        assertThat(as(admin(tenantB)).members().listMembers(null).getItems()).extracting(Member::getUsername)
                .doesNotContain(leaver);
        ApiException reset = catchThrowableOfType(ApiException.class, () -> as(admin(tenantB)).members()
                .resetMemberPassword(leaverId, null));
        assertThat(reset.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(reset)).isEqualTo("member.not_found");
        ApiException promote = catchThrowableOfType(ApiException.class, () -> as(admin(tenantB)).members()
                .grantTenantAdmin(leaverId, null));
        assertThat(BerthProblems.code(promote)).isEqualTo("member.not_found");
        // A created the account, but it is no longer A's: A cannot reset it either.
        assertThat(BerthProblems.code(catchThrowableOfType(ApiException.class, () -> as(admin(tenantA)).members()
                .resetMemberPassword(leaverId, null)))).isEqualTo("member.not_found");

        assertThat(grpc.members(token(admin(tenantB))).listMembers(MembersRequest.getDefaultInstance()).getItemsList())
                .extracting(dev.berth.grpc.v1.Member::getUsername).doesNotContain(leaver);
        StatusRuntimeException overGrpc = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.members(token(admin(tenantB)))
                .resetMemberPassword(MemberRequest.newBuilder().setUserId(leaverId.toString()).build()));
        assertThat(overGrpc.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcCalls.errorCode(overGrpc)).isEqualTo("member.not_found");

        // The person's own password still works: nobody was handed a new one.
        assertThat(Tokens.password(leaver, people.password(leaver))).isNotBlank();
    }

    /**
     * Every reason a username or e-mail address cannot be used gives the same answer: another
     * tenant's member, an account in no tenant, a platform admin, the tenant's own member,
     * and e-mail addresses of each kind. Only the problem's {@code instance} may differ.
     */
    @Test
    void conflictAnswersAreIdenticalWhateverTheReason() {
        String fresh = prefix + "-n";
        List<Map<String, String>> attempts = List.of(
                Map.of("username", admin(tenantA)),                     // A's member
                Map.of("username", leaver),                              // in no tenant
                Map.of("username", "admin"),                             // platform admin
                Map.of("username", admin(tenantB)),                      // B's own member
                Map.of("username", "bob"),                               // a realm tenant's member
                Map.of("username", fresh + "1", "email", admin(tenantA) + "@example.test"),
                Map.of("username", fresh + "2", "email", leaver + "@example.test"),
                Map.of("username", fresh + "3", "email", "bob@globex.example"),
                Map.of("username", fresh + "4", "email", admin(tenantB) + "@example.test"));
        String bToken = token(admin(tenantB));
        List<String> bodies = new ArrayList<>();
        List<String> grpcAnswers = new ArrayList<>();
        for (Map<String, String> attempt : attempts) {
            Map<String, String> body = new LinkedHashMap<>(attempt);
            body.put("firstName", "Some");
            body.put("lastName", "One");
            Response r = given().auth().oauth2(bToken).contentType("application/json").body(body)
                    .when().post("/v1/tenant/members");
            assertThat(r.statusCode()).as("status for %s", attempt).isEqualTo(409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            bodies.add(withoutInstance(r.asString()));

            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.members(bToken)
                    .addMember(AddMemberRequest.newBuilder().setUsername(attempt.get("username"))
                            .setEmail(attempt.getOrDefault("email", "")).setFirstName("Some").setLastName("One").build()));
            grpcAnswers.add(e.getStatus().getCode() + "|" + e.getStatus().getDescription() + "|" + GrpcCalls.errorCode(e));
        }
        assertThat(bodies).containsOnly(bodies.get(0));
        assertThat(bodies.get(0)).contains("\"code\":\"member.unavailable\"").doesNotContain(leaver, "admin", "bob", "globex");
        assertThat(grpcAnswers).containsOnly(grpcAnswers.get(0));
        assertThat(grpcAnswers.get(0)).startsWith("ALREADY_EXISTS|").endsWith("|member.unavailable");
        for (int i = 1; i <= 4; i++) {
            assertThat(RealmAdmin.user(fresh + i)).isEmpty();
        }
    }

    @Test
    void aNewAccountMadeByBWorksAndBCanResetItsPassword() throws ApiException {
        String username = prefix + "-fresh";
        MemberCreated created = as(admin(tenantB)).members().addMember(person(username), null);
        assertThat(created.getTemporaryPassword()).isNotBlank();
        UUID id = created.getMember().getId();
        assertThat(RealmAdmin.groupPathsOf(id.toString())).containsExactly("/tenants/" + tenantB);
        firstLogin(username, created.getTemporaryPassword());
        assertThat(Api.withToken(token(username)).identity().getMe().getTenant()).isEqualTo(tenantB);

        MemberCreated reset = as(admin(tenantB)).members().resetMemberPassword(id, null);
        assertThat(reset.getTemporaryPassword()).isNotBlank().isNotEqualTo(created.getTemporaryPassword());
        String chosen = people.password(username);
        assertThatThrownBy(() -> Tokens.password(username, chosen)).isInstanceOf(RuntimeException.class);
        firstLogin(username, reset.getTemporaryPassword());
        assertThat(Api.withToken(token(username)).identity().getMe().getTenant()).isEqualTo(tenantB);

        // The same over gRPC; and A, which did not create it, cannot.
        assertThat(grpc.members(token(admin(tenantB))).resetMemberPassword(MemberRequest.newBuilder()
                .setUserId(id.toString()).build()).getTemporaryPassword()).isNotBlank();
        assertThat(BerthProblems.code(catchThrowableOfType(ApiException.class, () -> as(admin(tenantA)).members()
                .resetMemberPassword(id, null)))).isEqualTo("member.not_found");
    }

    /** The tenant's first admin was made by Berth for it too (onboarding), so the tenant may reset it. */
    @Test
    void theFirstAdminMadeAtOnboardingCanBeResetByItsTenant() throws ApiException {
        UUID adminA = UUID.fromString(RealmAdmin.user(admin(tenantA)).orElseThrow().getId());
        assertThat(BerthProblems.code(catchThrowableOfType(ApiException.class, () -> as(admin(tenantB)).members()
                .resetMemberPassword(adminA, null)))).isEqualTo("member.not_found");
        MemberCreated reset = Api.as("admin").members().resetMemberPassword(adminA, tenantA);
        firstLogin(admin(tenantA), reset.getTemporaryPassword());
        assertThat(Api.withToken(token(admin(tenantA))).identity().getMe().getTenant()).isEqualTo(tenantA);
    }

    private void firstLogin(String username, String temporaryPassword) {
        people.firstLogin(username, temporaryPassword);
    }

    private String token(String username) {
        return people.token(username);
    }

    private Api as(String username) {
        return people.as(username);
    }

    private static String withoutInstance(String body) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(body);
            n.remove("instance");
            n.remove("traceId");
            return n.toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
