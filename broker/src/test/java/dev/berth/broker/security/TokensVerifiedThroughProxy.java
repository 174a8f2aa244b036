package dev.berth.broker.security;

import java.util.Map;

import dev.berth.broker.testsupport.KeycloakBehindProxy;
import dev.berth.broker.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Test profile: every OIDC call of the broker — key set, and introspection if it were ever
 * attempted — goes through a {@code KeycloakFaultProxy} on {@link KeycloakBehindProxy#port()},
 * which records it. Discovery is off so that the endpoints are the proxy's (the discovery
 * document would name Keycloak's own address); the issuer is the real realm's, so genuine
 * tokens still verify. The proxy starts after the broker, which then connects on the first
 * request, as it does when Keycloak starts late.
 */
public class TokensVerifiedThroughProxy implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + KeycloakBehindProxy.port() + "/realms/berth",
                "quarkus.oidc.discovery-enabled", "false",
                "quarkus.oidc.jwks-path", "protocol/openid-connect/certs",
                "quarkus.oidc.introspection-path", "protocol/openid-connect/token/introspect",
                "quarkus.oidc.token.issuer", Tokens.ISSUER,
                "quarkus.oidc.connection-delay", "1S");
    }
}
