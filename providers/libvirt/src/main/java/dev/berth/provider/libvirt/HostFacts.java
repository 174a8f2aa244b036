package dev.berth.provider.libvirt;

import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

/** What a libvirt host has: capacity from {@code nodeInfo} and the storage pool, versions, facts. */
final class HostFacts {

    private HostFacts() {
    }

    static HostInventory inventory(Connect connect, LibvirtOptions options, WorkloadVolumes volumes) throws LibvirtException {
        NodeInfo node = connect.nodeInfo();
        long poolBytes = volumes.pool(connect).getInfo().capacity;
        String hypervisor = connect.getType();
        String libvirtVersion = version(connect.getLibVersion());
        Map<String, String> facts = new TreeMap<>();
        facts.put("hypervisor", hypervisor);
        facts.put("hypervisorVersion", version(connect.getVersion()));
        facts.put("libvirtVersion", libvirtVersion);
        put(facts, "cpuModel", node.model);
        facts.put("cpuMhz", String.valueOf(node.mhz));
        facts.put("numaNodes", String.valueOf(node.nodes));
        facts.put("sockets", String.valueOf(node.sockets));
        facts.put("coresPerSocket", String.valueOf(node.cores));
        facts.put("threadsPerCore", String.valueOf(node.threads));
        facts.put("storagePool", options.storagePool());
        facts.put("domainType", options.domainType());
        facts.put("network", options.network().orElse("none"));
        Resources capacity = new Resources(node.cpus * 1000L, node.memory / 1024, poolBytes / WorkloadVolumes.BYTES_PER_GIB);
        return new HostInventory(capacity, Set.of(WorkloadKind.VM),
                hypervisor + " " + facts.get("hypervisorVersion") + " (libvirt " + libvirtVersion + ")", facts);
    }

    /** libvirt encodes versions as major × 1,000,000 + minor × 1,000 + release. */
    static String version(long encoded) {
        return (encoded / 1_000_000) + "." + (encoded / 1_000 % 1_000) + "." + (encoded % 1_000);
    }

    private static void put(Map<String, String> facts, String key, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(key, value.strip());
        }
    }
}
