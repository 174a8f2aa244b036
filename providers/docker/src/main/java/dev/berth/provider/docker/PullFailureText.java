package dev.berth.provider.docker;

import dev.berth.provider.spi.ProviderException.PullFailure;
import java.util.Locale;

/**
 * Classifies the Docker engine's text for a failed pull. The engine passes on the registry's
 * error (Distribution's {@code MANIFEST_UNKNOWN}, {@code UNAUTHORIZED}, …) or its own dial
 * error as a message, never as a code, so the words are all there is. Checked in order:
 * credentials before "not found" (a registry hides a private repository behind "denied"),
 * time-outs before unreachability.
 */
final class PullFailureText {

    private static final String[] UNAUTHORIZED = {"unauthorized", "authentication required", "no basic auth credentials",
        "denied", "incorrect username or password"};
    private static final String[] NOT_FOUND = {"manifest unknown", "not found", "name unknown", "repository does not exist",
        "blob unknown"};
    private static final String[] TIMEOUT = {"timeout", "timed out", "deadline exceeded"};

    private PullFailureText() {
    }

    static PullFailure classify(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (containsAny(text, UNAUTHORIZED)) {
            return PullFailure.UNAUTHORIZED;
        }
        if (containsAny(text, NOT_FOUND)) {
            return PullFailure.NOT_FOUND;
        }
        if (containsAny(text, TIMEOUT)) {
            return PullFailure.TIMEOUT;
        }
        // connection refused or reset, no such host, EOF, a server that does not speak the registry protocol
        return PullFailure.REGISTRY_UNREACHABLE;
    }

    /** The words a tenant reads: "not found", "unauthorized", "registry unreachable", "timeout". */
    static String words(PullFailure failure) {
        return failure.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static boolean containsAny(String text, String[] needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
