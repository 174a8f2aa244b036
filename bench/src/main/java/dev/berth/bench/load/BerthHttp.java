package dev.berth.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain HTTP/JSON calls to the broker as one Keycloak user (password grant of the demo client
 * {@code berth-cli}). Raw JSON rather than the generated SDK so that the load generator sends
 * exactly what curl users send and measures the service, not client-side model mapping.
 */
final class BerthHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String brokerUrl;
    private final URI tokenEndpoint;
    private final String user;
    private String token;
    private long tokenRenewAt;

    record Response(int status, JsonNode body) {
    }

    BerthHttp(String brokerUrl, String issuer, String user) {
        this.brokerUrl = brokerUrl.replaceAll("/+$", "");
        this.tokenEndpoint = URI.create(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/token");
        this.user = user;
    }

    /** A token renewed a minute before it expires, so a long run never sends an expired one. */
    private synchronized String token() throws IOException, InterruptedException {
        if (token == null || System.currentTimeMillis() >= tokenRenewAt) {
            String form = Map.of("grant_type", "password", "client_id", "berth-cli", "username", user,
                            "password", user, "scope", "openid").entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("token for " + user + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            token = body.get("access_token").asText();
            long lifetimeMillis = body.path("expires_in").asLong(60) * 1000;
            tokenRenewAt = System.currentTimeMillis() + Math.max(lifetimeMillis / 2, lifetimeMillis - 60_000);
        }
        return token;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Response post(String path, JsonNode body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    Response put(String path, JsonNode body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    Response delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null);
    }

    private Response send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(brokerUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (!method.equals("GET")) {
            // Every mutation is idempotent by key; a fresh key per call, as a careful client does.
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Response(response.statusCode(), text == null || text.isBlank() ? null : JSON.readTree(text));
    }

    static ObjectMapper json() {
        return JSON;
    }
}
