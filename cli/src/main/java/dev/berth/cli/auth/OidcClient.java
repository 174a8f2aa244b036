package dev.berth.cli.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;

/**
 * The OAuth 2.0 calls of a public client against the realm's endpoints (found through OpenID
 * discovery): password grant, refresh, and the device authorization grant (RFC 8628) in its two
 * halves, start and one poll. The polling loop is {@link DeviceLogin}'s job.
 */
public final class OidcClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String issuer;
    private final String clientId;
    private final Clock clock;
    private JsonNode discovery;

    public OidcClient(String issuer, String clientId, Clock clock) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.clientId = clientId;
        this.clock = clock;
    }

    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return clientId;
    }

    public TokenSet password(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return tokens(post(endpoint("token_endpoint"), form), "password login");
    }

    public TokenSet refresh(String refreshToken) {
        return tokens(post(endpoint("token_endpoint"), Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", refreshToken)), "token refresh");
    }

    /** Step 1 of the device grant: a device code for this program and a user code for the person. */
    public DeviceAuthorization startDeviceAuthorization() {
        HttpResponse<String> response = post(endpoint("device_authorization_endpoint"),
                Map.of("client_id", clientId, "scope", "openid"));
        JsonNode body = read(response);
        if (response.statusCode() != 200) {
            throw refusal("device login", body);
        }
        return new DeviceAuthorization(body.path("device_code").asText(), body.path("user_code").asText(),
                body.path("verification_uri").asText(), text(body, "verification_uri_complete"),
                Duration.ofSeconds(body.path("expires_in").asLong(600)),
                Duration.ofSeconds(body.path("interval").asLong(5)));
    }

    /** Step 2, once: has the person approved yet? */
    public DevicePoll pollDevice(String deviceCode) {
        HttpResponse<String> response = post(endpoint("token_endpoint"), Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", clientId,
                "device_code", deviceCode));
        JsonNode body = read(response);
        if (response.statusCode() == 200) {
            return new DevicePoll.Granted(TokenSet.of(body, clock.instant()));
        }
        String error = body.path("error").asText("");
        return switch (error) {
            case "authorization_pending" -> new DevicePoll.Pending();
            case "slow_down" -> new DevicePoll.SlowDown();
            default -> new DevicePoll.Refused(error, body.path("error_description").asText(error));
        };
    }

    private TokenSet tokens(HttpResponse<String> response, String what) {
        JsonNode body = read(response);
        if (response.statusCode() != 200) {
            throw refusal(what, body);
        }
        return TokenSet.of(body, clock.instant());
    }

    private static CliException refusal(String what, JsonNode body) {
        String error = body.path("error").asText("error");
        String description = body.path("error_description").asText("");
        return new CliException(ExitCode.NOT_LOGGED_IN, what + " refused by the identity provider: " + error
                + (description.isEmpty() ? "" : " (" + description + ")"));
    }

    private String endpoint(String name) {
        if (discovery == null) {
            URI uri = URI.create(issuer + "/.well-known/openid-configuration");
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET().build());
            if (response.statusCode() != 200) {
                throw new CliException(ExitCode.UNAVAILABLE, "no OpenID configuration at " + uri + " (HTTP "
                        + response.statusCode() + "); check --issuer");
            }
            discovery = read(response);
        }
        String value = text(discovery, name);
        if (value == null) {
            throw new CliException(ExitCode.NOT_LOGGED_IN, "the identity provider " + issuer + " offers no " + name);
        }
        return value;
    }

    private HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "identity provider unreachable at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted", e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "unreadable answer from " + response.uri() + " (HTTP "
                    + response.statusCode() + ")", e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
