package dev.berth.tenants.directory.keycloak;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.tenants.directory.DirectoryException;
import dev.berth.tenants.directory.DirectoryRefused;
import dev.berth.tenants.directory.DirectoryUnavailable;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * The one place where the admin client's exceptions become the directory's outcomes:
 * no answer (connection refused, timeout: {@link ProcessingException} or an I/O cause),
 * a 5xx, or a 401 (the admin client's own login failed) → {@link DirectoryUnavailable};
 * 404 on a lookup or a delete → absent; any other 4xx → {@link DirectoryRefused}.
 */
final class KeycloakCalls {

    /** Page size of list calls (Keycloak's own default is 100 too). */
    static final int PAGE = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientId;
    private final boolean credentialsConfigured;

    KeycloakCalls(String clientId, boolean credentialsConfigured) {
        this.clientId = clientId;
        this.credentialsConfigured = credentialsConfigured;
    }

    /** A call whose 404 is a refusal (the caller expected the object to be there). */
    <T> T call(String what, Supplier<T> action) {
        requireCredentials(what);
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw classify(what, e);
        }
    }

    void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /** A lookup: 404 is an empty answer. */
    <T> Optional<T> find(String what, Supplier<T> action) {
        requireCredentials(what);
        try {
            return Optional.ofNullable(action.get());
        } catch (RuntimeException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw classify(what, e);
        }
    }

    /** A removal: false when there was nothing to remove. */
    boolean delete(String what, Runnable action) {
        return find(what, () -> {
            action.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /** A create answering {@code 201 Created}: the new object's id, the last segment of {@code Location}. */
    String created(String what, Supplier<Response> action) {
        try (Response r = call(what, action)) {
            if (r.getStatus() == 201 && r.getLocation() != null) {
                String location = r.getLocation().getPath();
                return location.substring(location.lastIndexOf('/') + 1);
            }
            throw answered(what, r);
        }
    }

    /** Every page of a list call, {@link #PAGE} at a time; a 404 ends the list. */
    <T> List<T> pages(String what, IntFunction<List<T>> page) {
        List<T> out = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            int from = first;
            List<T> next = find(what, () -> page.apply(from)).orElse(List.of());
            out.addAll(next);
            if (next.size() < PAGE) {
                return out;
            }
        }
    }

    private void requireCredentials(String what) {
        if (!credentialsConfigured) {
            throw new DirectoryUnavailable(what, "no client secret is configured for " + clientId);
        }
    }

    private DirectoryException classify(String what, RuntimeException e) {
        if (e instanceof DirectoryException already) {
            return already;
        }
        // The admin client fetches its token in a request filter, so a failed login can arrive
        // wrapped in a ProcessingException: the HTTP answer inside decides.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException w && w.getResponse() != null) {
                return answered(what, w.getResponse());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof ProcessingException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                Throwable root = rootCause(e);
                return new DirectoryUnavailable(what, root.getClass().getSimpleName()
                        + (root.getMessage() == null ? "" : " " + root.getMessage()));
            }
        }
        throw e;
    }

    private DirectoryException answered(String what, Response r) {
        int status = r.getStatus();
        if (status >= 500) {
            return new DirectoryUnavailable(what, "HTTP " + status);
        }
        if (status == 401) {
            return new DirectoryUnavailable(what, "the directory client " + clientId + " could not authenticate (HTTP 401)");
        }
        return new DirectoryRefused(what, status, message(r));
    }

    private static int status(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException w && w.getResponse() != null) {
                return w.getResponse().getStatus();
            }
        }
        return -1;
    }

    /** Keycloak's own explanation from an error body, or its first 200 characters. */
    private static String message(Response r) {
        String body;
        try {
            body = r.hasEntity() ? r.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            body = null;
        }
        if (body == null || body.isBlank()) {
            return "no message";
        }
        try {
            JsonNode n = JSON.readTree(body);
            for (String field : new String[] {"errorMessage", "error_description", "error"}) {
                if (n.hasNonNull(field)) {
                    return n.get(field).asText();
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        return body.substring(0, Math.min(200, body.length()));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
