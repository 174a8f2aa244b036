package dev.berth.broker.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Real tokens from the running Keycloak (realm {@code berth}, see deploy/keycloak), and
 * forged variants of them for the negative cases. The demo credentials are dev-only.
 */
public final class Tokens {

    public static final String ISSUER = Optional.ofNullable(System.getenv("BERTH_OIDC_URL"))
            .orElse("http://127.0.0.1:8180/realms/berth");
    private static final URI TOKEN_ENDPOINT = URI.create(ISSUER + "/protocol/openid-connect/token");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /** Password grant through the public demo client {@code berth-cli}; password = user name. */
    public static String user(String username) {
        return user("berth-cli", username);
    }

    public static String user(String clientId, String username) {
        return grant(Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", username, "scope", "openid"));
    }

    /** Client-credentials grant of a tenant's automation client, e.g. {@code acme-automation}. */
    public static String serviceAccount(String clientId) {
        String variable = "BERTH_" + clientId.toUpperCase().replace('-', '_') + "_SECRET";
        return grant(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", localSecret(variable)));
    }

    /** Password grant through {@code berth-cli} with an explicit password (accounts made by tests). */
    public static String password(String username, String password) {
        return grant(Map.of("grant_type", "password", "client_id", "berth-cli",
                "username", username, "password", password, "scope", "openid"));
    }

    /** Client-credentials grant with an explicit secret (service accounts made by tests). */
    public static String clientCredentials(String clientId, String secret) {
        return grant(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** The HTTP status Keycloak answers a client-credentials grant with (200, or 401 for a bad secret). */
    public static int clientCredentialsStatus(String clientId, String secret) {
        String body = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        try {
            return HTTP.send(HttpRequest.newBuilder(TOKEN_ENDPOINT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A genuine Keycloak token whose 2-second lifespan has passed (client {@code berth-cli-short}). */
    public static String expired(String username) {
        String token = user("berth-cli-short", username);
        long exp = claims(token).get("exp").asLong();
        long waitMillis = (exp + 1) * 1000 - System.currentTimeMillis();
        if (waitMillis > 0) {
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    /** The claims and key id of a real token, re-signed with a key Keycloak never had. */
    public static String signedByForeignKey(String realToken) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair foreign = generator.generateKeyPair();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload(realToken));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(header(realToken).path("kid").asText());
            jws.setKey(foreign.getPrivate());
            return jws.getCompactSerialization();
        } catch (NoSuchAlgorithmException | JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a real token, signed with a key Keycloak never had under a key id it never published. */
    public static String signedWithUnknownKeyId(String realToken) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload(realToken));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue("unknown-" + java.util.UUID.randomUUID());
            jws.setKey(generator.generateKeyPair().getPrivate());
            return jws.getCompactSerialization();
        } catch (NoSuchAlgorithmException | JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims and key id of a real token, signed HS256 with a made-up shared secret. */
    public static String hs256(String realToken) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload(realToken));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKeyIdHeaderValue(header(realToken).path("kid").asText());
            jws.setKey(new org.jose4j.keys.HmacKey("not-the-realm-key-but-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8)));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine token of the same Keycloak's {@code master} realm (its admin), i.e. of another issuer and key set. */
    public static String anotherRealm() {
        String user = Optional.ofNullable(System.getenv("KEYCLOAK_ADMIN_USER")).orElse("admin-kc");
        String body = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(localSecret("KEYCLOAK_ADMIN_PASSWORD"), StandardCharsets.UTF_8);
        URI master = URI.create(ISSUER.substring(0, ISSUER.indexOf("/realms/")) + "/realms/master/protocol/openid-connect/token");
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(master)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("master realm login failed: " + r.body());
            }
            return JSON.readTree(r.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a real token with {@code alg: none} and no signature. */
    public static String unsigned(String realToken) {
        String header = b64(JSON.createObjectNode().put("alg", "none").put("typ", "JWT").toString());
        return header + "." + realToken.split("\\.")[1] + ".";
    }

    public static JsonNode claims(String token) {
        return readJson(payload(token));
    }

    private static JsonNode header(String token) {
        return readJson(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String grant(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TOKEN_ENDPOINT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused " + form.get("grant_type") + " for "
                        + form.getOrDefault("username", form.get("client_id")) + ": " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak not reachable at " + TOKEN_ENDPOINT
                    + " (start it with deploy/local/test.sh or up.sh)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Secrets are generated per machine by deploy/local (never committed): from the
     * environment when test.sh exported it, else from the local state directory's env file.
     */
    public static String localSecret(String variable) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path stateDir = Optional.ofNullable(System.getenv("BERTH_STATE_DIR")).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".local", "state", "berth"));
        try {
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : Files.readAllLines(stateDir.resolve("env"))) {
                String trimmed = line.startsWith("export ") ? line.substring(7) : line;
                int eq = trimmed.indexOf('=');
                if (eq > 0) {
                    env.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim().replaceAll("^['\"]|['\"]$", ""));
                }
            }
            return Optional.ofNullable(env.get(variable))
                    .orElseThrow(() -> new IllegalStateException(variable + " missing from " + stateDir.resolve("env")));
        } catch (IOException e) {
            throw new IllegalStateException(variable + " not set and " + stateDir.resolve("env") + " unreadable", e);
        }
    }

    /** Seconds between issue and expiry, for assertions about the realm's lifespans. */
    public static long lifespanSeconds(String token) {
        JsonNode c = claims(token);
        return c.get("exp").asLong() - c.get("iat").asLong();
    }

    public static boolean isExpired(String token) {
        return claims(token).get("exp").asLong() <= Instant.now().getEpochSecond();
    }
}
