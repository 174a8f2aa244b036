package dev.berth.broker.operations;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Test profile: claims last 3 s and are renewed every second, so lease behaviour shows in seconds. */
public class ShortLeases implements QuarkusTestProfile {

    /** The lease of this profile, in seconds (tests wait several of them). */
    static final int LEASE_SECONDS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("berth.worker.lease", LEASE_SECONDS + "S", "berth.worker.heartbeat", "1S");
    }
}
