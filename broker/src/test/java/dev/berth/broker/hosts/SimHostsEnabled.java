package dev.berth.broker.hosts;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A broker that accepts simulated ({@code sim}) hosts. Only the tests that need them run
 * under it: the default test profile keeps the driver off, as production does, so every
 * other test sees the broker as shipped (and {@link SimHostsDisabledTest} checks the refusal).
 */
public class SimHostsEnabled implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("berth.drivers.sim.enabled", "true");
    }
}
