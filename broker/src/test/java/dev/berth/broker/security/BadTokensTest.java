package dev.berth.broker.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.berth.broker.testsupport.BrokerUnderTest;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.KeycloakBehindProxy;
import dev.berth.broker.testsupport.KeycloakFaultProxy;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.WhoAmIRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/**
 * Forged and foreign tokens are refused from what the broker already knows: 401 problem+json
 * (gRPC UNAUTHENTICATED), no request to Keycloak — the proxy in front of it records every one
 * — and nothing logged at INFO or above, so bad tokens can neither make the broker hammer
 * Keycloak nor flood its log. Regression test for issue 13 finding 5 (introspection was
 * called, and an ERROR logged, for every token with an unknown key).
 */
@QuarkusTest
@TestProfile(TokensVerifiedThroughProxy.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadTokensTest {

    /** Loggers that would speak about a refused token. */
    private static final List<String> SECURITY_LOGGERS = List.of("io.quarkus.oidc", "io.quarkus.security",
            "io.quarkus.vertx.http", "io.quarkus.grpc", "io.vertx", "org.jose4j", "io.smallrye.jwt",
            "dev.berth.broker.problems", "dev.berth.broker.security", "dev.berth.broker.ratelimit");
    private static final int ATTEMPTS = 5;
    private static final String CERTS = "/protocol/openid-connect/certs";

    private KeycloakFaultProxy keycloak;
    private GrpcCalls grpc;
    private String alice;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()
                    && SECURITY_LOGGERS.stream().anyMatch(p -> String.valueOf(record.getLoggerName()).startsWith(p))) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    void keycloakBehindARecordingProxy() throws Exception {
        keycloak = new KeycloakFaultProxy(KeycloakBehindProxy.port());
        grpc = new GrpcCalls();
        alice = Tokens.user("alice");
        // A genuine token first: the broker connects and loads the realm's key set, through the
        // proxy. (RestAssured points at the broker only from the first test on.)
        given().baseUri(BrokerUnderTest.baseUrl()).port(BrokerUnderTest.port())
                .auth().oauth2(alice).get("/v1/me").then().statusCode(200);
        assertThat(keycloak.requests()).as("the broker reaches Keycloak through the proxy")
                .anyMatch(r -> r.endsWith(CERTS));
        keycloak.forgetRequests();
    }

    @AfterAll
    void close() throws InterruptedException {
        keycloak.close();
        grpc.close();
    }

    @BeforeEach
    void record() {
        logged.clear();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopRecording() {
        Logger.getLogger("").removeHandler(capture);
    }

    Stream<Arguments> badTokens() {
        String real = Tokens.user("alice");
        return Stream.of(
                Arguments.of("unknown key id", (Supplier<String>) () -> Tokens.signedWithUnknownKeyId(real)),
                Arguments.of("known key id, foreign key", (Supplier<String>) () -> Tokens.signedByForeignKey(real)),
                Arguments.of("alg none", (Supplier<String>) () -> Tokens.unsigned(real)),
                Arguments.of("HS256", (Supplier<String>) () -> Tokens.hs256(real)),
                Arguments.of("another realm", (Supplier<String>) Tokens::anotherRealm),
                Arguments.of("garbage", (Supplier<String>) () -> "garbage-" + System.nanoTime()),
                Arguments.of("three garbage parts", (Supplier<String>) () -> "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
    }

    @ParameterizedTest(name = "{0}: 401 on REST and gRPC, no call to Keycloak, no log line")
    @MethodSource("badTokens")
    void refusedWithoutAnOutboundCallOrALogLine(String what, Supplier<String> forge) {
        String token = forge.get();
        for (int i = 0; i < ATTEMPTS; i++) {
            given().auth().oauth2(token).get("/v1/me").then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("auth.unauthenticated"));
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.identity(token).whoAmI(WhoAmIRequest.getDefaultInstance()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(GrpcCalls.errorCode(e)).isEqualTo("auth.unauthenticated");
        }
        // Requests since the warm-up, over every case so far: an unknown key id may refresh the
        // key set once per forced-jwk-refresh-interval (10 min), so that key rotation works;
        // nothing else (no introspection, no userinfo) and never once per token.
        List<String> sent = keycloak.requests();
        assertThat(sent).as("requests the broker sent to Keycloak, up to %s", what)
                .allMatch(r -> r.equals("GET /realms/berth" + CERTS))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(logged).as("log records at INFO or above for %s", what)
                .extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void aGenuineTokenStillWorksWithoutIntrospection() {
        given().auth().oauth2(Tokens.user("bob")).get("/v1/me").then().statusCode(200).body("tenant", equalTo("globex"));
        assertThat(keycloak.requests()).noneMatch(r -> r.contains("introspect") || r.contains("userinfo"));
    }
}
