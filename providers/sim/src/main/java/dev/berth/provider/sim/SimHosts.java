package dev.berth.provider.sim;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Every simulated host of this JVM, keyed by endpoint ({@code sim://<name>}). A host's
 * workloads survive its drivers being closed and reopened (the broker reopens a driver when a
 * host's options change), which is what a real host does too. Tests reach a host here to
 * change it out of band.
 */
public final class SimHosts {

    private static final ConcurrentHashMap<String, SimHost> HOSTS = new ConcurrentHashMap<>();

    private SimHosts() {
    }

    /** The host at {@code endpoint}, created empty and reachable on first use. */
    public static SimHost host(String endpoint) {
        return HOSTS.computeIfAbsent(endpoint, SimHost::new);
    }

    /** Drops the host's state: the next use of the endpoint finds an empty host. */
    public static void forget(String endpoint) {
        HOSTS.remove(endpoint);
    }

    /** Drops every simulated host of this JVM. */
    public static void forgetAll() {
        HOSTS.clear();
    }
}
