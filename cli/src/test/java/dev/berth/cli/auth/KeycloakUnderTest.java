package dev.berth.cli.auth;

import java.util.Optional;

/** The local Keycloak the stack scripts start (deploy/local/lib.sh), realm {@code berth}. */
final class KeycloakUnderTest {

    static final String ISSUER = Optional.ofNullable(System.getenv("BERTH_OIDC_URL"))
            .orElse("http://127.0.0.1:8180/realms/berth");

    private KeycloakUnderTest() {
    }
}
