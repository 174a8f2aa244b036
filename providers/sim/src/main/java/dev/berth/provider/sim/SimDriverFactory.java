package dev.berth.provider.sim;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;

/**
 * Opens drivers of type {@value #TYPE}: simulated hosts for tests and benchmarks, kept in
 * this JVM's memory ({@link SimHosts}). Opening parses the options and touches nothing else.
 * A broker installs it but refuses {@code sim} hosts unless enabled (broker README).
 */
public final class SimDriverFactory implements ProviderDriverFactory {

    public static final String TYPE = "sim";

    @Override
    public String driver() {
        return TYPE;
    }

    /** A sim host is in this JVM's memory: nothing is connected, so the destination policy has nothing to check. */
    @Override
    public ProviderDriver open(HostConnection connection, DestinationPolicy destinations) {
        SimOptions options = SimOptions.from(connection);
        SimHost host = SimHosts.host(options.endpoint());
        return options.snapshots() ? new SnapshotSimDriver(options, host) : new SimDriver(options, host);
    }
}
