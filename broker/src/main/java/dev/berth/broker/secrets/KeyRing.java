package dev.berth.broker.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The master keys by id: the current one seals, every one opens what it sealed. */
final class KeyRing {

    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int KEY_BYTES = 32;

    private final String currentId;
    private final Map<String, SecretKey> keys;

    KeyRing(String currentId, Map<String, SecretKey> keys) {
        if (!KEY_ID.matcher(currentId).matches()) {
            throw new IllegalStateException("berth.secrets.key-id must match " + KEY_ID + ": '" + currentId + "'");
        }
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
        if (!this.keys.containsKey(currentId)) {
            throw new IllegalStateException("no master key for the current key id " + currentId);
        }
    }

    /** From configuration; refuses to start without a well-formed current key. */
    static KeyRing from(SecretsConfig config) {
        if (config.masterKey().isPresent() == config.masterKeyFile().isPresent()) {
            throw new IllegalStateException("Set exactly one of berth.secrets.master-key (environment "
                    + "BERTH_SECRETS_MASTER_KEY) and berth.secrets.master-key-file: 32 random bytes, base64 "
                    + "(e.g. `head -c 32 /dev/urandom | base64`). Berth encrypts stored secrets (VM user data) with it.");
        }
        String current = config.masterKey().orElseGet(() -> readFile(config));
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        config.previousKeys().forEach((id, value) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("berth.secrets.previous-keys: key id must match " + KEY_ID + ": '" + id + "'");
            }
            keys.put(id, key("berth.secrets.previous-keys." + id, value));
        });
        keys.put(config.keyId(), key("berth.secrets.master-key", current));
        return new KeyRing(config.keyId(), keys);
    }

    String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    static SecretKey key(String setting, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64", null);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(setting + " must be " + KEY_BYTES + " bytes (AES-256), base64; it has " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String readFile(SecretsConfig config) {
        try {
            return Files.readString(config.masterKeyFile().orElseThrow(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read berth.secrets.master-key-file " + config.masterKeyFile().get()
                    + ": " + e.getMessage(), null);
        }
    }
}
