package dev.berth.broker.members;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.berth.broker.problems.InvalidRequest;

/**
 * One-time invitation tokens: 32 random bytes, base64url without padding (43 characters).
 * Berth stores only the SHA-256, so a database reader cannot accept an invitation, and looks
 * tokens up by that hash (no comparison whose timing depends on the secret).
 */
public final class InvitationTokens {

    private static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token; refuses a malformed one as the OpenAPI schema does. */
    public static String sha256(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            throw new InvalidRequest("token", "must be an invitation token (43 characters of A-Z, a-z, 0-9, '-', '_')");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
