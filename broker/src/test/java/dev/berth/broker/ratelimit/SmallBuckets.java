package dev.berth.broker.ratelimit;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Test profile: budgets small enough to spend in a few calls, refilled so slowly (one token
 * in 1000 s) that no token comes back during a test. Client: 3 reads, 2 mutations; tenant:
 * 5 reads, 3 mutations; platform-admin client: 3 reads, 2 mutations.
 */
public class SmallBuckets implements QuarkusTestProfile {

    static final int CLIENT_READS = 3;
    static final int CLIENT_MUTATIONS = 2;
    static final int TENANT_READS = 5;
    static final int PLATFORM_READS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        put(config, "berth.rate-limit.enabled", "true");
        budget(config, "tenant", TENANT_READS, 3);
        budget(config, "client", CLIENT_READS, CLIENT_MUTATIONS);
        budget(config, "platform", PLATFORM_READS, 2);
        return config;
    }

    private static void budget(Map<String, String> config, String scope, int reads, int mutations) {
        String prefix = "berth.rate-limit." + scope;
        put(config, prefix + ".reads.per-second", "0.001");
        put(config, prefix + ".reads.burst", Integer.toString(reads));
        put(config, prefix + ".mutations.per-second", "0.001");
        put(config, prefix + ".mutations.burst", Integer.toString(mutations));
    }

    /** Also as a %test key: application.properties sets generous %test budgets, which a plain key may not beat. */
    private static void put(Map<String, String> config, String key, String value) {
        config.put(key, value);
        config.put("%test." + key, value);
    }
}
