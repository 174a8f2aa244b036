package dev.berth.provider.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.provider.spi.ProviderException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java failures into the SPI's three classes, once, so the driver never lets a
 * library exception escape. The rule: the engine could not be reached or was busy →
 * Transient; the engine says the container does not exist → NotFound; the engine rejected
 * the request → Permanent. Anything unrecognised is Permanent: retrying an unknown failure
 * forever hides it.
 */
final class DockerErrors {

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String endpoint;

    DockerErrors(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Classifies a failure of {@code action} (e.g. "start berth-…") on this host. */
    ProviderException classify(String action, RuntimeException e) {
        if (e instanceof ProviderException classified) {
            return classified;
        }
        String message = "docker " + endpoint + ": " + action + ": " + reason(e);
        if (e instanceof NotFoundException) {
            return new ProviderException.NotFound(message, e);
        }
        if (e instanceof ConflictException) {
            // A state conflict ("removal already in progress"): it resolves on its own.
            return new ProviderException.Transient(message, e);
        }
        if (e instanceof DockerException engine) {
            return engine.getHttpStatus() >= 500
                    ? new ProviderException.Transient(message, e)
                    : new ProviderException.Permanent(message, e);
        }
        if (e instanceof DockerClientException) {
            return new ProviderException.Permanent(message, e);
        }
        if (causedByIo(e)) {
            // Socket missing, connection refused, reset, timed out.
            return new ProviderException.Transient(message, e);
        }
        return new ProviderException.Permanent(message, e);
    }

    /** The image is not on the host and is not to be pulled ({@code why}: the pull policy, or the kind of image). */
    ProviderException.Permanent imageMissing(String image, String why) {
        return new ProviderException.Permanent("image " + image + " is not present on host " + endpoint
                + " (" + why + ")", null);
    }

    /** A short human reason: the engine's own message, or the root I/O cause. */
    static String reason(Throwable e) {
        if (e instanceof DockerException engine) {
            Matcher m = ENGINE_MESSAGE.matcher(String.valueOf(engine.getMessage()));
            String text = m.find() ? m.group(1).replace("\\\"", "\"") : String.valueOf(engine.getMessage()).strip();
            return text + " (HTTP " + engine.getHttpStatus() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + text;
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
