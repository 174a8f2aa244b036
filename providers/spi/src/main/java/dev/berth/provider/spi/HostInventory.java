package dev.berth.provider.spi;

import java.util.Map;
import java.util.Set;

/**
 * What a host has, as read from the provider.
 *
 * @param capacity       total schedulable resources (before any overcommit ratio)
 * @param supportedKinds kinds this host can run
 * @param version        provider/engine version string
 * @param facts          extra provider facts (os, architecture, driver ...) for display and labels
 * @param diskMeasured   whether {@code capacity.diskGiB()} was measured; false when the provider
 *                       cannot tell (e.g. a remote Docker engine), so disk is not a limit there
 */
public record HostInventory(Resources capacity, Set<WorkloadKind> supportedKinds, String version, Map<String, String> facts,
                            boolean diskMeasured) {

    public HostInventory {
        supportedKinds = Set.copyOf(supportedKinds);
        facts = Map.copyOf(facts);
    }

    /** An inventory whose disk capacity is known (the provider measured it or it has none to offer). */
    public HostInventory(Resources capacity, Set<WorkloadKind> supportedKinds, String version, Map<String, String> facts) {
        this(capacity, supportedKinds, version, facts, true);
    }
}
