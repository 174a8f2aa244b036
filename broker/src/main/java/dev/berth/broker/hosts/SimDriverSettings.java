package dev.berth.broker.hosts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The simulated provider ({@code berth.drivers.sim.*}, providers/sim): hosts that exist only
 * in the broker's memory, for tests and benchmarks. Installed in every broker but off unless
 * enabled, so a production broker cannot be given a host that runs nothing.
 */
@ConfigMapping(prefix = "berth.drivers.sim")
public interface SimDriverSettings {

    /** Driver type of the simulated provider. */
    String TYPE = "sim";

    /** Whether {@code sim} hosts may be registered and used; off by default. */
    @WithDefault("false")
    boolean enabled();
}
