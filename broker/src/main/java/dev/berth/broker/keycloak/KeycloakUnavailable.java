package dev.berth.broker.keycloak;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** Keycloak did not answer (connection refused, timeout, 5xx): worth retrying later. */
public final class KeycloakUnavailable extends BerthProblem {
    public KeycloakUnavailable(String what, String why) {
        super(ProblemCode.IDENTITY_UNAVAILABLE, "The identity provider is unavailable (" + what + ": " + why + ").");
    }
}
