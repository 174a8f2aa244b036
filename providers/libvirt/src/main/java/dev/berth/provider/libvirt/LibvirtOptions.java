package dev.berth.provider.libvirt;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A libvirt host's connection settings, parsed and validated once when the driver opens.
 * Defaults depend on the URI: libvirt's {@code test} driver names its pool
 * {@code default-pool} and its domains {@code type='test'}; every real hypervisor URI gets
 * the conventional {@code default} pool and {@code kvm}.
 *
 * @param uri         libvirt connection URI, parsed and checked, e.g. {@code qemu:///system}, {@code qemu+ssh://host/system}, {@code test:///default}
 * @param storagePool option {@code storagePool}: pool holding base images and workload disks
 * @param domainType  option {@code domainType}: {@code <domain type=...>}, e.g. {@code kvm}, {@code qemu} (no KVM), {@code test}
 * @param network     option {@code network}: libvirt network of the VM's one NIC; absent = no NIC
 * @param seedBaseImages option {@code seedBaseImages}: comma-separated base image names to create
 *                    (empty, 1 GiB) when first needed — for {@code test:///default}, whose
 *                    storage lives only in the connection, so the local stack has images to boot
 */
record LibvirtOptions(LibvirtUri uri, String storagePool, String domainType, Optional<String> network,
                      Set<String> seedBaseImages) {

    LibvirtOptions(LibvirtUri uri, String storagePool, String domainType, Optional<String> network) {
        this(uri, storagePool, domainType, network, Set.of());
    }

    static final String STORAGE_POOL = "storagePool";
    static final String DOMAIN_TYPE = "domainType";
    static final String NETWORK = "network";
    static final String SEED_BASE_IMAGES = "seedBaseImages";
    private static final Set<String> KNOWN = Set.of(STORAGE_POOL, DOMAIN_TYPE, NETWORK, SEED_BASE_IMAGES);

    /**
     * Reads a host connection; an unknown/blank option is Permanent, a URI that is malformed,
     * unsafe or outside {@code destinations} is {@link ProviderException.EndpointRefused}.
     */
    static LibvirtOptions from(HostConnection connection, DestinationPolicy destinations) {
        Map<String, String> options = connection.options();
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw invalid("unknown libvirt options " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        LibvirtUri uri = LibvirtUri.parse(connection.endpoint());
        uri.check(destinations);
        boolean testDriver = uri.testDriver(); // before construction: the defaults depend on it
        return new LibvirtOptions(uri,
                nonBlank(options, STORAGE_POOL, testDriver ? "default-pool" : "default"),
                nonBlank(options, DOMAIN_TYPE, testDriver ? "test" : "kvm"),
                Optional.ofNullable(options.get(NETWORK)).filter(network -> !network.isBlank()),
                java.util.Arrays.stream(options.getOrDefault(SEED_BASE_IMAGES, "").split(","))
                        .map(String::trim).filter(n -> !n.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** Whether this is libvirt's simulated {@code test} driver (URI scheme {@code test}). */
    boolean testDriver() {
        return uri.testDriver();
    }

    /** Whether the hypervisor is QEMU (kvm or plain emulation), which needs the disk format spelled out. */
    boolean qemu() {
        return "kvm".equals(domainType) || "qemu".equals(domainType);
    }

    private static String nonBlank(Map<String, String> options, String key, String defaultValue) {
        String value = options.getOrDefault(key, defaultValue);
        if (value.isBlank() || !value.equals(value.strip())) {
            throw invalid("option " + key + " must be a non-blank name without surrounding spaces, got '" + value + "'");
        }
        return value;
    }

    private static ProviderException.Permanent invalid(String message) {
        return new ProviderException.Permanent(message, null);
    }
}
