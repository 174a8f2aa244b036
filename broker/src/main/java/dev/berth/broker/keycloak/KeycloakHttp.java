package dev.berth.broker.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Keycloak admin REST API over plain {@code java.net.http}: a service-account token
 * (client credentials of {@code berth-broker}, cached until shortly before it expires) and
 * JSON requests under {@code /admin/realms/<realm>}. Failures are classified once here:
 * no answer or 5xx → {@link KeycloakUnavailable}; an unexpected 4xx → {@link KeycloakRefused};
 * 404 on reads and deletes → "absent", which callers treat as a normal outcome.
 */
@ApplicationScoped
public class KeycloakHttp {

    private final KeycloakSettings settings;
    private final HttpClient http;
    // Keycloak answers with many fields Berth does not read.
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private volatile CachedToken token;

    KeycloakHttp(KeycloakSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
    }

    private record CachedToken(String value, Instant refreshAt) {
    }

    ObjectMapper json() {
        return json;
    }

    /** GET; empty on 404. */
    Optional<JsonNode> get(String what, String path) {
        HttpResponse<String> r = send(what, request(path).GET());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect(what, r, 200);
        return Optional.of(read(what, r.body()));
    }

    /** POST a JSON body; the id at the end of {@code Location} when Keycloak created something. */
    Optional<String> post(String what, String path, Object body) {
        HttpResponse<String> r = send(what, withBody(request(path), "POST", body));
        expect(what, r, 200, 201, 204);
        return r.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1));
    }

    /** POST returning the JSON answer (e.g. a regenerated secret). */
    JsonNode postForJson(String what, String path, Object body) {
        HttpResponse<String> r = send(what, withBody(request(path), "POST", body));
        expect(what, r, 200, 201);
        return read(what, r.body());
    }

    void put(String what, String path, Object body) {
        HttpResponse<String> r = send(what, withBody(request(path), "PUT", body));
        expect(what, r, 200, 204);
    }

    /** DELETE (with an optional JSON body, as role-mapping removal needs); false if it was already gone. */
    boolean delete(String what, String path, Object body) {
        HttpResponse<String> r = send(what, body == null ? request(path).DELETE() : withBody(request(path), "DELETE", body));
        if (r.statusCode() == 404) {
            return false;
        }
        expect(what, r, 200, 204);
        return true;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(settings.url() + "/admin/realms/" + settings.realm() + path))
                .timeout(settings.timeout())
                .header("Accept", "application/json");
    }

    private HttpRequest.Builder withBody(HttpRequest.Builder b, String method, Object body) {
        try {
            return b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : json.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpResponse<String> send(String what, HttpRequest.Builder builder) {
        HttpResponse<String> r = exchange(what, builder.header("Authorization", "Bearer " + token(what)).build());
        if (r.statusCode() == 401) {
            // The cached token was revoked or Keycloak restarted with new keys: one fresh try.
            token = null;
            r = exchange(what, builder.setHeader("Authorization", "Bearer " + token(what)).build());
        }
        return r;
    }

    private HttpResponse<String> exchange(String what, HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 500) {
                throw new KeycloakUnavailable(what, "HTTP " + r.statusCode());
            }
            return r;
        } catch (IOException e) {
            throw new KeycloakUnavailable(what, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailable(what, "interrupted");
        }
    }

    private String token(String what) {
        CachedToken t = token;
        if (t != null && Instant.now().isBefore(t.refreshAt())) {
            return t.value();
        }
        String secret = settings.clientSecret().filter(s -> !s.isBlank())
                .orElseThrow(() -> new KeycloakUnavailable(what, "berth.keycloak.client-secret is not configured"));
        String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(secret);
        HttpResponse<String> r = exchange(what, HttpRequest.newBuilder(URI.create(settings.url() + "/realms/"
                        + settings.realm() + "/protocol/openid-connect/token"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (r.statusCode() != 200) {
            throw new KeycloakUnavailable(what, "the broker's client " + settings.clientId()
                    + " could not authenticate (HTTP " + r.statusCode() + ")");
        }
        JsonNode body = read(what, r.body());
        long lifetime = body.path("expires_in").asLong(60);
        String value = body.path("access_token").asText();
        token = new CachedToken(value, Instant.now().plusSeconds(Math.max(5, lifetime - 30)));
        return value;
    }

    private void expect(String what, HttpResponse<String> r, int... accepted) {
        for (int status : accepted) {
            if (r.statusCode() == status) {
                return;
            }
        }
        throw new KeycloakRefused(what, r.statusCode(), message(r.body()));
    }

    private String message(String body) {
        try {
            JsonNode n = json.readTree(body);
            for (String field : new String[] {"errorMessage", "error_description", "error"}) {
                if (n.hasNonNull(field)) {
                    return n.get(field).asText();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        return body == null || body.isBlank() ? "no message" : body.substring(0, Math.min(200, body.length()));
    }

    private JsonNode read(String what, String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new KeycloakUnavailable(what, "unreadable answer");
        }
    }
}
