package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Optional;

/**
 * How a {@link WorkloadSpec} becomes a libvirt domain definition: name, Berth metadata,
 * whole vCPUs, memory, the workload's disk volume, the cloud-init seed as a read-only
 * second disk when there is one, an optional NIC, crash behaviour.
 * libvirt generates the domain UUID; the name {@code berth-<uuid>} is the identity.
 */
final class DomainXml {

    static final int MILLI_CPU_PER_VCPU = 1000;
    static final String SEED_TARGET = "vdb";

    private DomainXml() {
    }

    /**
     * The domain XML for {@code spec}, whose disk is {@code volume} in the configured pool.
     *
     * @param volumeFormat the volume's format (qcow2, raw …), spelled out for QEMU, which
     *                     does not probe formats; ignored by other domain types
     * @param seedVolume   the {@link NoCloudSeed} volume in the same pool, if any
     */
    static String of(WorkloadSpec spec, LibvirtOptions options, String volume, String volumeFormat,
                     Optional<String> seedVolume) {
        StringBuilder xml = new StringBuilder();
        xml.append("<domain type='").append(Xml.escape(options.domainType())).append("'>\n");
        xml.append("  <name>").append(spec.providerName()).append("</name>\n");
        xml.append("  <title>").append(Xml.escape(title(spec))).append("</title>\n");
        xml.append("  <description>Berth workload ").append(spec.workloadId()).append(" of tenant ")
                .append(Xml.escape(spec.tenant())).append(". Managed by Berth: change it through Berth, not here.")
                .append("</description>\n");
        xml.append("  <metadata>").append(DomainLabels.toXml(DomainLabels.of(spec))).append("</metadata>\n");
        xml.append("  <memory unit='MiB'>").append(memoryMiB(spec)).append("</memory>\n");
        xml.append("  <currentMemory unit='MiB'>").append(memoryMiB(spec)).append("</currentMemory>\n");
        xml.append("  <vcpu placement='static'>").append(vcpus(spec.resources().milliCpu())).append("</vcpu>\n");
        xml.append("  <os><type>hvm</type><boot dev='hd'/></os>\n");
        // ACPI is what lets a graceful shutdown reach the guest; without it stop always ends in destroy.
        xml.append("  <features><acpi/><apic/></features>\n");
        xml.append("  <on_poweroff>destroy</on_poweroff>\n");
        xml.append("  <on_reboot>restart</on_reboot>\n");
        xml.append("  <on_crash>").append(onCrash(spec.restartPolicy())).append("</on_crash>\n");
        xml.append("  <devices>\n");
        xml.append("    <disk type='volume' device='disk'>\n");
        if (options.qemu() && volumeFormat != null) {
            xml.append("      <driver name='qemu' type='").append(Xml.escape(volumeFormat)).append("'/>\n");
        }
        xml.append("      <source pool='").append(Xml.escape(options.storagePool())).append("' volume='")
                .append(Xml.escape(volume)).append("'/>\n");
        xml.append("      <target dev='vda' bus='virtio'/>\n");
        xml.append("    </disk>\n");
        seedVolume.ifPresent(seed -> seedDisk(xml, options, seed));
        options.network().ifPresent(network -> xml.append("    <interface type='network'><source network='")
                .append(Xml.escape(network)).append("'/><model type='virtio'/></interface>\n"));
        xml.append("  </devices>\n");
        xml.append("</domain>\n");
        return xml.toString();
    }

    /**
     * The seed as a second, read-only virtio disk; cloud-init finds it by its label
     * ({@code cidata}), whatever the device. Not a CD-ROM: an IDE CD-ROM does not exist on
     * q35 (or on arm64's virt), and a SATA one needs AHCI in the guest, which Debian's
     * {@code cloud} kernel does not build ({@code # CONFIG_SATA_AHCI is not set} in
     * linux-image-6.1.0-*-cloud-amd64). virtio-blk is what the guest already needs for
     * {@code vda}, so any guest that boots can read its seed. The domain boots from
     * {@code vda} (first in libvirt's disk order). Left out of snapshots
     * ({@code snapshot='no'}): it never changes, and QEMU's internal snapshots refuse raw
     * images; libvirt's default for read-only disks (it drops the attribute from the XML
     * it returns), spelled out so it does not depend on the default.
     */
    private static void seedDisk(StringBuilder xml, LibvirtOptions options, String seedVolume) {
        xml.append("    <disk type='volume' device='disk' snapshot='no'>\n");
        if (options.qemu()) {
            xml.append("      <driver name='qemu' type='raw'/>\n");
        }
        xml.append("      <source pool='").append(Xml.escape(options.storagePool())).append("' volume='")
                .append(Xml.escape(seedVolume)).append("'/>\n");
        xml.append("      <target dev='").append(SEED_TARGET).append("' bus='virtio'/>\n");
        xml.append("      <readonly/>\n");
        xml.append("    </disk>\n");
    }

    /**
     * Whole vCPUs: a VM cannot have half a CPU, so milliCpu is rounded <em>up</em> (1500 →
     * 2), and 0 ("no limit" in the SPI) gets one.
     */
    static int vcpus(long milliCpu) {
        return (int) Math.max(1, (milliCpu + MILLI_CPU_PER_VCPU - 1) / MILLI_CPU_PER_VCPU);
    }

    /** A VM has no "unlimited" memory: 0 is refused rather than guessed. */
    static long memoryMiB(WorkloadSpec spec) {
        long memoryMiB = spec.resources().memoryMiB();
        if (memoryMiB <= 0) {
            throw new ProviderException.Permanent("a VM needs memoryMiB > 0 (workload " + spec.workloadId() + ")", null);
        }
        return memoryMiB;
    }

    /**
     * libvirt can restart a crashed guest, but not one that powered off, without also
     * undoing Berth's own graceful stop; so ALWAYS behaves like ON_FAILURE for VMs.
     */
    static String onCrash(RestartPolicy policy) {
        return policy == RestartPolicy.NEVER ? "destroy" : "restart";
    }

    /** One line: libvirt shows titles in lists and refuses newlines in them. */
    private static String title(WorkloadSpec spec) {
        return (spec.tenant() + "/" + spec.name()).replaceAll("[\\r\\n]+", " ");
    }
}
