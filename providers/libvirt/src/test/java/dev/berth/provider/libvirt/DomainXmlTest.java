package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Domain XML from a spec, without libvirt. */
class DomainXmlTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000042");

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "999, 1", "1000, 1", "1001, 2", "1500, 2", "4000, 4"})
    void milliCpuRoundsUpToWholeVcpus(long milliCpu, int vcpus) {
        assertThat(DomainXml.vcpus(milliCpu)).isEqualTo(vcpus);
    }

    @Test
    void kvmDomainSpellsOutTheDiskFormatAndNic() {
        LibvirtOptions options = options("qemu:///system", Map.of("network", "berth-isolated"));

        String xml = DomainXml.of(spec(Map.of()), options, "berth-" + ID, "qcow2", Optional.empty());

        assertThat(xml).contains("<domain type='kvm'>", "<name>berth-" + ID + "</name>",
                "<memory unit='MiB'>512</memory>", "<vcpu placement='static'>2</vcpu>",
                "<driver name='qemu' type='qcow2'/>", "<source pool='default' volume='berth-" + ID + "'/>",
                "<source network='berth-isolated'/>", "<acpi/>");
    }

    @Test
    void testDomainHasNoQemuDriverAndNoNicByDefault() {
        String xml = DomainXml.of(spec(Map.of()), options("test:///default", Map.of()), "v", "qcow2", Optional.empty());

        assertThat(xml).contains("<domain type='test'>", "<source pool='default-pool' volume='v'/>")
                .doesNotContain("<driver", "<interface", "vdb", "<readonly/>");
    }

    @Test
    void seedIsASecondReadOnlyRawVirtioDiskInThePool() {
        String xml = DomainXml.of(spec(Map.of()), options("qemu:///system", Map.of()), "berth-" + ID, "qcow2",
                Optional.of("berth-seed-" + ID + ".iso"));

        assertThat(xml).contains("<disk type='volume' device='disk' snapshot='no'>\n      <driver name='qemu' type='raw'/>\n"
                + "      <source pool='default' volume='berth-seed-" + ID + ".iso'/>\n"
                + "      <target dev='vdb' bus='virtio'/>\n      <readonly/>\n    </disk>");
        assertThat(xml.indexOf("dev='vda'")).as("the boot disk comes first").isLessThan(xml.indexOf("dev='vdb'"));
        assertThat(xml).contains("<boot dev='hd'/>");
    }

    @Test
    void labelsAreEscapedAndReadBack() {
        String xml = DomainLabels.toXml(DomainLabels.of(spec(Map.of("note", "a<b & 'c'"))));

        assertThat(xml).doesNotContain("a<b");
        assertThat(DomainLabels.parse(xml)).containsEntry("user.note", "a<b & 'c'")
                .containsEntry("berth.workload", ID.toString()).containsEntry("berth.tenant", "acme");
    }

    @Test
    void tenantLabelsCannotImpersonateBerthLabels() {
        assertThat(DomainLabels.of(spec(Map.of("berth.tenant", "evil"))))
                .containsEntry("berth.tenant", "acme").containsEntry("user.berth.tenant", "evil");
    }

    @ParameterizedTest
    @CsvSource({"NEVER, destroy", "ON_FAILURE, restart", "ALWAYS, restart"})
    void crashBehaviourFollowsRestartPolicy(RestartPolicy policy, String onCrash) {
        assertThat(DomainXml.onCrash(policy)).isEqualTo(onCrash);
    }

    private static WorkloadSpec spec(Map<String, String> labels) {
        return new WorkloadSpec(ID, "acme", "web", WorkloadKind.VM, new ImageSource.PlatformImage("debian-12", "debian-12.qcow2"), null, null,
                new Resources(1500, 512, 10), labels, RestartPolicy.NEVER);
    }

    private static LibvirtOptions options(String uri, Map<String, String> options) {
        return LibvirtOptions.from(new HostConnection("libvirt", uri, options), DestinationPolicy.defaults());
    }
}
