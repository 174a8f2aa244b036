package dev.berth.broker.keycloak;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** Keycloak answered a 4xx the caller did not expect (its message is kept for the reason). */
public final class KeycloakRefused extends BerthProblem {

    private final int status;
    private final String keycloakMessage;

    public KeycloakRefused(String what, int status, String keycloakMessage) {
        super(ProblemCode.IDENTITY_FAILED, "The identity provider refused " + what + " (HTTP " + status + ": "
                + keycloakMessage + ").");
        this.status = status;
        this.keycloakMessage = keycloakMessage;
    }

    public int status() {
        return status;
    }

    public boolean conflict() {
        return status == 409;
    }

    public String keycloakMessage() {
        return keycloakMessage;
    }
}
