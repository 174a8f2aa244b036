package dev.berth.provider.aws.emulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the emulated account accepts: the account's own long-term key, and the
 * temporary ones STS hands out for assumed roles (which must come with their session token,
 * as in AWS). Also the roles that may be assumed, with their external id if they demand one.
 */
final class Credentials {

    record Key(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, Optional<String> roleArn,
               Instant expires) {
    }

    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> roles = new ConcurrentHashMap<>();

    void add(Key key) {
        keys.put(key.accessKeyId(), key);
    }

    Optional<Key> find(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId)).filter(k -> k.expires().isAfter(Instant.now()));
    }

    void allowRole(String roleArn, Optional<String> externalId) {
        roles.put(roleArn, externalId);
    }

    /** Empty when the role may not be assumed at all; otherwise the external id it wants (maybe none). */
    Optional<Optional<String>> role(String roleArn) {
        return Optional.ofNullable(roles.get(roleArn));
    }
}
