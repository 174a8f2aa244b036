package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.w3c.dom.Document;

/**
 * The cloud-init seed on {@code test:///default}: volume, seed disk, lifecycle. The test
 * driver keeps no volume contents (no upload or download), so the bytes are checked by
 * {@link NoCloudSeedTest} and the ISO tests, and against a real daemon by
 * {@link SeedUploadToALibvirtDaemonTest}.
 */
@RequiresLibvirt
class CloudInitSeedTest {

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOr9wZbV2mG6aQ alice@laptop";
    private static final String USER_DATA = "#cloud-config\nruncmd:\n  - [touch, /var/tmp/berth-was-here]\n";

    private final List<UUID> workloads = new ArrayList<>();
    private Connect libvirt;
    private LibvirtDriver driver;

    @BeforeEach
    void open() throws LibvirtException {
        libvirt = LocalLibvirt.connect();
        driver = LocalLibvirt.driver(Map.of());
    }

    @AfterEach
    void cleanUp() throws LibvirtException {
        workloads.forEach(driver::delete);
        driver.close();
        libvirt.close();
    }

    @Test
    void vmWithUserDataGetsItsSeedAsAReadOnlySecondDiskOfTheImagesExactSize() throws LibvirtException {
        WorkloadSpec spec = spec(USER_DATA, List.of(KEY));

        driver.provision(spec);

        String seed = NoCloudSeed.volumeName(spec.workloadId());
        Document xml = Xml.parse(libvirt.domainLookupByName(spec.providerName()).getXMLDesc(0));
        String seedDisk = "/domain/devices/disk[source/@volume='" + seed + "']";
        assertThat(Xml.nodes(xml, seedDisk).getLength()).isEqualTo(1);
        assertThat(Xml.text(xml, seedDisk + "/@type")).contains("volume");
        assertThat(Xml.text(xml, seedDisk + "/@device")).contains("disk");
        assertThat(Xml.text(xml, seedDisk + "/source/@pool")).contains(LocalLibvirt.POOL);
        assertThat(Xml.text(xml, seedDisk + "/target/@dev")).contains("vdb");
        assertThat(Xml.text(xml, seedDisk + "/target/@bus")).contains("virtio");
        assertThat(Xml.nodes(xml, seedDisk + "/readonly").getLength()).isEqualTo(1);
        assertThat(Xml.text(xml, "/domain/devices/disk[target/@dev='vda']/source/@volume")).contains(spec.providerName());
        assertThat(Xml.nodes(xml, "/domain/devices/disk").getLength()).isEqualTo(2);
        StorageVol volume = volume(seed).orElseThrow();
        assertThat(volume.getInfo().capacity).isEqualTo(NoCloudSeed.of(spec).orElseThrow().image().length);
        assertThat(Xml.text(Xml.parse(volume.getXMLDesc(0)), "/volume/target/format/@type")).contains("raw");
    }

    @Test
    void sshKeysAloneAlsoGetASeed() throws LibvirtException {
        WorkloadSpec spec = spec(null, List.of(KEY));

        driver.provision(spec);

        assertThat(volume(NoCloudSeed.volumeName(spec.workloadId()))).isPresent();
    }

    @Test
    void vmWithoutUserDataOrKeysHasNoSeedAndOneDisk() throws LibvirtException {
        WorkloadSpec spec = spec(null, List.of());

        driver.provision(spec);

        assertThat(Xml.nodes(Xml.parse(libvirt.domainLookupByName(spec.providerName()).getXMLDesc(0)),
                "/domain/devices/disk").getLength()).isEqualTo(1);
        assertThat(volume(NoCloudSeed.volumeName(spec.workloadId()))).isEmpty();
    }

    @Test
    void deleteRemovesDomainDiskAndSeed() throws LibvirtException {
        WorkloadSpec spec = spec(USER_DATA, List.of());
        driver.provision(spec);

        driver.delete(spec.workloadId());

        assertThat(driver.describe(spec.workloadId())).isEmpty();
        assertThat(Arrays.asList(libvirt.listDefinedDomains())).doesNotContain(spec.providerName());
        assertThat(volumesOf(spec)).isEmpty();
    }

    @Test
    void reProvisionKeepsOneDomainAndOneSeed() throws LibvirtException {
        WorkloadSpec spec = spec(USER_DATA, List.of(KEY));

        ActualState first = driver.provision(spec);
        ActualState second = driver.provision(spec);

        assertThat(second.handle()).isEqualTo(first.handle());
        assertThat(volumesOf(spec)).containsExactlyInAnyOrder(spec.providerName(),
                NoCloudSeed.volumeName(spec.workloadId()));
        assertThat(Xml.nodes(Xml.parse(libvirt.domainLookupByName(spec.providerName()).getXMLDesc(0)),
                "/domain/devices/disk").getLength()).as("disk and seed, once each").isEqualTo(2);
    }

    @Test
    void aVmWithASeedCanBeSnapshotRevertedAndDeleted() throws LibvirtException {
        WorkloadSpec spec = spec(USER_DATA, List.of());
        driver.provision(spec);

        driver.createSnapshot(spec.workloadId(), "s1");
        driver.revertToSnapshot(spec.workloadId(), "s1");

        assertThat(driver.describe(spec.workloadId()).orElseThrow().status()).isEqualTo(ActualState.Status.RUNNING);
        assertThat(volume(NoCloudSeed.volumeName(spec.workloadId()))).isPresent();
        driver.delete(spec.workloadId());
        assertThat(volumesOf(spec)).as("backup volume " + WorkloadVolumes.backupName(spec.providerName(), "s1")
                + " outlives the VM; disk and seed do not").containsExactly(
                WorkloadVolumes.backupName(spec.providerName(), "s1"));
    }

    /** The domain type is only checked by libvirt's define, after disk and seed exist: both must go. */
    @Test
    void failedProvisionLeavesNoDomainDiskOrSeed() throws LibvirtException {
        WorkloadSpec spec = spec(USER_DATA, List.of(KEY));

        try (LibvirtDriver broken = LocalLibvirt.driver(Map.of("domainType", "no-such-type"))) {
            assertThatThrownBy(() -> broken.provision(spec)).isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("invalid domain type no-such-type");
        }

        assertThat(driver.describe(spec.workloadId())).isEmpty();
        assertThat(volumesOf(spec)).isEmpty();
    }

    /** A crash between creating the seed volume and writing it leaves a volume of the wrong size: replaced. */
    @Test
    void aSeedLeftBehindWithTheWrongSizeIsReplaced() throws LibvirtException {
        WorkloadSpec spec = spec(USER_DATA, List.of());
        String seed = NoCloudSeed.volumeName(spec.workloadId());
        pool().storageVolCreateXML(WorkloadVolumes.volumeXml(seed, 4096, "raw"), 0);

        driver.provision(spec);

        assertThat(volume(seed).orElseThrow().getInfo().capacity)
                .isEqualTo(NoCloudSeed.of(spec).orElseThrow().image().length);
    }

    @Test
    void deleteRemovesASeedLeftBehindWithoutADomain() throws LibvirtException {
        WorkloadSpec spec = spec(USER_DATA, List.of());
        pool().storageVolCreateXML(WorkloadVolumes.volumeXml(NoCloudSeed.volumeName(spec.workloadId()), 4096, "raw"), 0);

        driver.delete(spec.workloadId());

        assertThat(volumesOf(spec)).isEmpty();
    }

    private WorkloadSpec spec(String userData, List<String> sshKeys) {
        UUID id = UUID.randomUUID();
        workloads.add(id);
        return new WorkloadSpec(id, "acme", "web", WorkloadKind.VM, new ImageSource.PlatformImage("base", LocalLibvirt.BASE_IMAGE), List.of(), Map.of(),
                new Resources(1000, 64, 1), Map.of(), RestartPolicy.NEVER, userData, sshKeys);
    }

    /** The pool's volumes that belong to {@code spec}'s workload (its disk and its seed). */
    private List<String> volumesOf(WorkloadSpec spec) throws LibvirtException {
        pool().refresh(0);
        return Arrays.stream(pool().listVolumes()).filter(name -> name.contains(spec.workloadId().toString())).toList();
    }

    private StoragePool pool() throws LibvirtException {
        return libvirt.storagePoolLookupByName(LocalLibvirt.POOL);
    }

    private Optional<StorageVol> volume(String name) {
        try {
            return WorkloadVolumes.find(pool(), name);
        } catch (LibvirtException e) {
            throw new AssertionError(e);
        }
    }
}
