package dev.berth.broker.secrets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The master key (key-encryption key) that wraps the data keys of secrets Berth stores
 * ({@link Envelopes}). Never in git: production sets it from the environment
 * ({@code BERTH_SECRETS_MASTER_KEY}, which the local stack generates into its env file) or a
 * key file; the broker refuses to start without one.
 */
@ConfigMapping(prefix = "berth.secrets")
public interface SecretsConfig {

    /** The current master key: 32 random bytes, base64. Exactly one of this and {@link #masterKeyFile()}. */
    Optional<String> masterKey();

    /** A file holding the current master key (base64, 32 bytes), e.g. a mounted secret. */
    Optional<Path> masterKeyFile();

    /**
     * The current key's id, stored with every envelope it seals ({@code [A-Za-z0-9_-]{1,32}}).
     * To rotate: move the old key to {@link #previousKeys()} under its id, set a new key and a
     * new id; envelopes sealed with the old key stay readable.
     */
    @WithDefault("k1")
    String keyId();

    /** Earlier master keys by id (base64), only to open what they sealed. */
    Map<String, String> previousKeys();
}
