package dev.berth.broker.identity;

import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.berth.broker.testsupport.BrokerUnderTest;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.WhoAmIRequest;
import dev.berth.grpc.v1.WhoAmIResponse;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.IdentityApi;
import dev.berth.sdk.model.Me;
import dev.berth.sdk.model.Role;
import dev.berth.sdk.support.BerthClients;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * End to end: real Keycloak tokens, the generated Java SDK over REST and a plain gRPC client,
 * against the broker on its test port. Every identity fact and every rejection is checked on
 * both protocols, since both are adapters over the same service.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityEndToEndTest {

    private GrpcCalls grpc;
    private String expiredToken;

    @BeforeAll
    void setUp() {
        grpc = new GrpcCalls();
        // Fetched once: it costs a ~2 s wait for Keycloak's short lifespan to pass.
        expiredToken = Tokens.expired("alice");
    }

    @AfterAll
    void tearDown() throws InterruptedException {
        grpc.close();
    }

    Stream<Arguments> principals() {
        return Stream.of(
                Arguments.of("alice", (Supplier<String>) () -> Tokens.user("alice"), "acme", Role.TENANT_USER, false),
                Arguments.of("bob", (Supplier<String>) () -> Tokens.user("bob"), "globex", Role.TENANT_USER, false),
                Arguments.of("acme-automation", (Supplier<String>) () -> Tokens.serviceAccount("acme-automation"),
                        "acme", Role.TENANT_USER, true),
                Arguments.of("globex-automation", (Supplier<String>) () -> Tokens.serviceAccount("globex-automation"),
                        "globex", Role.TENANT_USER, true));
    }

    @ParameterizedTest(name = "{0} → tenant {2} over REST")
    @MethodSource("principals")
    void restTellsTenantFromToken(String who, Supplier<String> token, String tenant, Role role, boolean program)
            throws ApiException {
        Me me = sdk(token.get()).getMe();
        assertThat(me.getTenant()).isEqualTo(tenant);
        assertThat(me.getRoles()).contains(role);
        assertThat(me.getServiceAccount()).isEqualTo(program);
        assertThat(me.getUsername()).contains(who);
        assertThat(me.getFirstSeenAt()).isNotNull();
    }

    @ParameterizedTest(name = "{0} → tenant {2} over gRPC")
    @MethodSource("principals")
    void grpcTellsTenantFromToken(String who, Supplier<String> token, String tenant, Role role, boolean program) {
        WhoAmIResponse me = grpc.identity(token.get()).whoAmI(WhoAmIRequest.getDefaultInstance());
        assertThat(me.getTenant()).isEqualTo(tenant);
        assertThat(me.getRolesList()).contains(role.getValue());
        assertThat(me.getServiceAccount()).isEqualTo(program);
        assertThat(me.getUsername()).contains(who);
        assertThat(me.getFirstSeenAt().getSeconds()).isPositive();
    }

    @Test
    void restAndGrpcAgreeOnTheSamePrincipal() throws ApiException {
        String token = Tokens.user("carol");
        Me rest = sdk(token).getMe();
        WhoAmIResponse grpcAnswer = grpc.identity(token).whoAmI(WhoAmIRequest.getDefaultInstance());
        assertThat(grpcAnswer.getSubject()).isEqualTo(rest.getSubject());
        assertThat(grpcAnswer.getTenant()).isEqualTo(rest.getTenant());
        assertThat(grpcAnswer.getRolesList()).containsExactlyInAnyOrderElementsOf(
                rest.getRoles().stream().map(Role::getValue).toList());
        assertThat(grpcAnswer.getFirstSeenAt().getSeconds()).isEqualTo(rest.getFirstSeenAt().toEpochSecond());
    }

    Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("no token", (Supplier<String>) () -> null),
                Arguments.of("expired token", (Supplier<String>) () -> expiredToken),
                Arguments.of("token signed by another key",
                        (Supplier<String>) () -> Tokens.signedByForeignKey(Tokens.user("alice"))),
                Arguments.of("token for another audience", (Supplier<String>) () -> Tokens.user("berth-other", "alice")),
                Arguments.of("alg none token", (Supplier<String>) () -> Tokens.unsigned(Tokens.user("alice"))));
    }

    @ParameterizedTest(name = "REST rejects {0} with 401 auth.unauthenticated")
    @MethodSource("rejectedTokens")
    void restRejects(String what, Supplier<String> token) {
        String t = token.get();
        if (what.startsWith("expired")) {
            assertThat(Tokens.isExpired(t)).as("the token really is expired").isTrue();
        }
        ApiException e = catchThrowableOfType(ApiException.class, () -> sdk(t).getMe());
        assertThat(e).as(what).isNotNull();
        assertThat(e.getCode()).isEqualTo(401);
        assertThat(e.getResponseHeaders().firstValue("content-type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(BerthProblems.code(e)).isEqualTo("auth.unauthenticated");
    }

    @ParameterizedTest(name = "gRPC rejects {0} with UNAUTHENTICATED")
    @MethodSource("rejectedTokens")
    void grpcRejects(String what, Supplier<String> token) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> grpc.identity(token.get()).whoAmI(WhoAmIRequest.getDefaultInstance()));
        assertThat(e).as(what).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(GrpcCalls.errorCode(e)).isEqualTo("auth.unauthenticated");
    }

    @Test
    void wrongRoleIsForbiddenOnBothProtocols() {
        String token = Tokens.user("dave");
        ApiException rest = catchThrowableOfType(ApiException.class, () -> sdk(token).getMe());
        assertThat(rest.getCode()).isEqualTo(403);
        assertThat(BerthProblems.code(rest)).isEqualTo("auth.forbidden");

        StatusRuntimeException grpcError = catchThrowableOfType(StatusRuntimeException.class,
                () -> grpc.identity(token).whoAmI(WhoAmIRequest.getDefaultInstance()));
        assertThat(grpcError.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(GrpcCalls.errorCode(grpcError)).isEqualTo("auth.forbidden");
    }

    private static IdentityApi sdk(String token) {
        return new IdentityApi(BerthClients.withBearerToken(BrokerUnderTest.baseUrl(), () -> token));
    }
}
