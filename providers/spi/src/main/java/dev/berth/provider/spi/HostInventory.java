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
 */
public record HostInventory(Resources capacity, Set<WorkloadKind> supportedKinds, String version, Map<String, String> facts) {

    public HostInventory {
        supportedKinds = Set.copyOf(supportedKinds);
        facts = Map.copyOf(facts);
    }
}
