package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/** libvirt-specific facts the provider-neutral contract cannot see, checked with libvirt directly. */
@RequiresLibvirt
class LibvirtDriverTest {

    private static final long GIB = 1024L * 1024 * 1024;

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
    void domainIsNamedAfterTheWorkloadWithRoundedUpVcpusAndMemory() throws LibvirtException {
        WorkloadSpec spec = spec(new Resources(1500, 256, 2), RestartPolicy.NEVER);

        ActualState state = driver.provision(spec);

        Domain domain = domain(spec);
        assertThat(domain.getUUIDString()).isEqualTo(state.handle());
        assertThat(domain.getInfo().nrVirtCpu).as("1500 mCPU rounds up to 2 vCPUs").isEqualTo(2);
        assertThat(domain.getMaxMemory()).as("KiB").isEqualTo(256L * 1024);
        assertThat(state.applied()).contains(new Resources(2000, 256, 2));
        assertThat(domain.getXMLDesc(0)).contains("<domain type='test'", "<on_crash>destroy</on_crash>",
                "<source pool='default-pool' volume='" + spec.providerName() + "'/>");
    }

    @Test
    void labelsAreStoredInBerthMetadataAndTitle() throws LibvirtException {
        WorkloadSpec spec = spec(new Resources(1000, 64, 1), RestartPolicy.ON_FAILURE);

        driver.provision(spec);

        String metadata = domain(spec).getMetadata(Domain.MetadataType.ELEMENT, DomainLabels.NAMESPACE, 0);
        assertThat(DomainLabels.parse(metadata)).containsOnly(
                Map.entry("berth.tenant", "acme"),
                Map.entry("berth.workload", spec.workloadId().toString()),
                Map.entry("user.team", "payments & <ops>"));
        assertThat(domain(spec).getXMLDesc(0)).contains("<title>acme/web</title>", "<on_crash>restart</on_crash>");
    }

    @Test
    void diskIsACloneOfTheBaseImageSizedToTheSpecAndRemovedOnDelete() throws LibvirtException {
        WorkloadSpec spec = spec(new Resources(1000, 64, 3), RestartPolicy.NEVER);

        driver.provision(spec);

        assertThat(pool().storageVolLookupByName(spec.providerName()).getInfo().capacity).isEqualTo(3 * GIB);
        driver.delete(spec.workloadId());
        assertThat(volume(spec.providerName())).isEmpty();
        assertThat(volume(LocalLibvirt.BASE_IMAGE)).as("base image kept").isPresent();
    }

    @Test
    void diskSmallerThanTheBaseImageIsPermanentAndLeavesNothing() {
        createVolume("test-big-base", 2 * GIB);
        WorkloadSpec spec = withImage(spec(new Resources(1000, 64, 1), RestartPolicy.NEVER), "test-big-base");

        assertThatThrownBy(() -> driver.provision(spec)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("smaller than base image test-big-base");
        assertThat(driver.describe(spec.workloadId())).isEmpty();
    }

    @Test
    void zeroDiskKeepsTheBaseImageSize() {
        WorkloadSpec spec = spec(new Resources(1000, 64, 0), RestartPolicy.NEVER);

        ActualState state = driver.provision(spec);

        assertThat(state.applied()).as("256 MiB reported as 1 GiB, rounded up").contains(new Resources(1000, 64, 1));
    }

    @Test
    void missingBaseImageIsPermanentAndNamesImageAndPool() {
        WorkloadSpec spec = withImage(spec(new Resources(1000, 64, 1), RestartPolicy.NEVER), "no-such-base.qcow2");

        assertThatThrownBy(() -> driver.provision(spec)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("no-such-base.qcow2").hasMessageContaining("default-pool");
        assertThat(volume(spec.providerName())).isEmpty();
    }

    @Test
    void containerWorkloadIsRefusedPermanently() {
        WorkloadSpec container = new WorkloadSpec(UUID.randomUUID(), "acme", null, WorkloadKind.CONTAINER,
                base(LocalLibvirt.BASE_IMAGE), null, null, new Resources(1000, 64, 1), null, null);

        assertThatThrownBy(() -> driver.provision(container)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("VMs only");
    }

    @Test
    void zeroMemoryIsRefusedPermanently() {
        WorkloadSpec spec = spec(new Resources(1000, 0, 1), RestartPolicy.NEVER);

        assertThatThrownBy(() -> driver.provision(spec)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("memoryMiB");
    }

    @Test
    void provisionRefusesADomainBerthDidNotCreateUnderItsName() throws LibvirtException {
        WorkloadSpec spec = spec(new Resources(1000, 64, 1), RestartPolicy.NEVER);
        libvirt.domainDefineXML("<domain type='test'><name>" + spec.providerName()
                + "</name><memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>");

        assertThatThrownBy(() -> driver.provision(spec)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("did not create");
    }

    /** Separate drivers (separate connections) stand for separate broker replicas: no in-process lock helps. */
    @Test
    void provisionsRacingFromSeparateDriversMakeOneDomain() {
        WorkloadSpec spec = spec(new Resources(1000, 64, 1), RestartPolicy.NEVER);
        List<LibvirtDriver> replicas = List.of(LocalLibvirt.driver(Map.of()), LocalLibvirt.driver(Map.of()),
                LocalLibvirt.driver(Map.of()), LocalLibvirt.driver(Map.of()));
        try {
            List<CompletableFuture<ActualState>> racing = replicas.stream()
                    .map(replica -> CompletableFuture.supplyAsync(() -> replica.provision(spec))).toList();

            assertThat(racing.stream().map(CompletableFuture::join).map(ActualState::handle).distinct()).hasSize(1);
            assertThat(driver.list()).filteredOn(state -> state.workloadId().equals(spec.workloadId())).hasSize(1);
        } finally {
            replicas.forEach(LibvirtDriver::close);
        }
    }

    @Test
    void snapshotsAreCreatedListedRevertedAndDeleted() {
        WorkloadSpec spec = spec(new Resources(1000, 64, 1), RestartPolicy.NEVER);
        UUID id = spec.workloadId();
        driver.provision(spec);

        ProviderSnapshot first = driver.createSnapshot(id, "before-upgrade");
        driver.stop(id, Duration.ofSeconds(1));
        driver.createSnapshot(id, "stopped");

        assertThat(first.detail()).isEqualTo("domain running");
        assertThat(driver.createSnapshot(id, "before-upgrade")).as("idempotent by name").isEqualTo(first);
        assertThat(driver.listSnapshots(id)).extracting(ProviderSnapshot::name)
                .containsExactlyInAnyOrder("before-upgrade", "stopped");

        driver.revertToSnapshot(id, "before-upgrade");
        assertThat(driver.describe(id).orElseThrow().status()).isEqualTo(ActualState.Status.RUNNING);

        driver.deleteSnapshot(id, "stopped");
        driver.deleteSnapshot(id, "stopped");
        assertThat(driver.listSnapshots(id)).extracting(ProviderSnapshot::name).containsExactly("before-upgrade");
    }

    @Test
    void snapshotErrorsAreClassified() {
        WorkloadSpec spec = spec(new Resources(1000, 64, 1), RestartPolicy.NEVER);
        driver.provision(spec);
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> driver.revertToSnapshot(spec.workloadId(), "never-taken"))
                .isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> driver.createSnapshot(unknown, "s1")).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> driver.listSnapshots(unknown)).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> driver.createSnapshot(spec.workloadId(), "../etc"))
                .isInstanceOf(ProviderException.Permanent.class);
        driver.deleteSnapshot(unknown, "s1"); // gone is gone
    }

    /** libvirt refuses to undefine a domain that has snapshots; delete must still remove everything. */
    @Test
    void deleteRemovesADomainThatHasSnapshots() throws LibvirtException {
        WorkloadSpec spec = spec(new Resources(1000, 64, 1), RestartPolicy.NEVER);
        driver.provision(spec);
        driver.createSnapshot(spec.workloadId(), "s1");
        driver.stop(spec.workloadId(), Duration.ofSeconds(1));
        driver.createSnapshot(spec.workloadId(), "s2");

        driver.delete(spec.workloadId());

        assertThat(driver.describe(spec.workloadId())).isEmpty();
        assertThat(List.of(libvirt.listDefinedDomains())).doesNotContain(spec.providerName());
        assertThat(volume(spec.providerName())).isEmpty();
    }

    @Test
    void deleteRemovesAVolumeLeftBehindWithoutADomain() {
        WorkloadSpec spec = spec(new Resources(1000, 64, 1), RestartPolicy.NEVER);
        createVolume(spec.providerName(), GIB); // a crash between clone and define

        driver.delete(spec.workloadId());

        assertThat(volume(spec.providerName())).isEmpty();
    }

    @Test
    void inventoryMatchesNodeInfoAndPool() throws LibvirtException {
        NodeInfo node = libvirt.nodeInfo();

        var inventory = driver.inventory();

        assertThat(inventory.capacity().milliCpu()).isEqualTo(node.cpus * 1000L);
        assertThat(inventory.capacity().memoryMiB()).isEqualTo(node.memory / 1024);
        assertThat(inventory.capacity().diskGiB()).isEqualTo(pool().getInfo().capacity / GIB);
        assertThat(inventory.supportedKinds()).containsOnly(WorkloadKind.VM);
        assertThat(inventory.version()).startsWith("TEST ").contains("libvirt ");
        assertThat(inventory.facts()).containsEntry("storagePool", "default-pool").containsEntry("domainType", "test");
    }

    @Test
    void missingStoragePoolIsPermanentAndNamesTheOption() {
        try (LibvirtDriver noPool = LocalLibvirt.driver(Map.of("storagePool", "no-such-pool"))) {
            assertThatThrownBy(noPool::inventory).isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("no-such-pool").hasMessageContaining("storagePool");
        }
    }

    @Test
    void unreachableHostFailsFastAsTransientNamingTheUri() {
        String uri = "qemu+tcp://127.0.0.1:1/system";
        try (LibvirtDriver unreachable = new LibvirtDriverFactory().open(new HostConnection("libvirt", uri, Map.of()))) {
            long started = System.nanoTime();

            assertThatThrownBy(unreachable::list).isInstanceOf(ProviderException.Transient.class)
                    .hasMessageContaining(uri);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void missingUnixSocketIsTransient() {
        // socket= is refused now (issue 13); the local daemon's own socket is missing where no libvirtd runs.
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/libvirt/libvirt-sock")),
                "a libvirt daemon runs here");
        String uri = "qemu:///system";
        try (LibvirtDriver unreachable = new LibvirtDriverFactory().open(new HostConnection("libvirt", uri, Map.of()))) {
            assertThat(unreachable.probe().healthy()).isFalse();
            assertThatThrownBy(unreachable::inventory).isInstanceOf(ProviderException.Transient.class);
        }
    }

    @Test
    void closedDriverRefusesCallsPermanently() {
        LibvirtDriver closed = LocalLibvirt.driver(Map.of());
        closed.close();

        assertThatThrownBy(closed::list).isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("closed");
        assertThat(closed.probe().healthy()).isFalse();
    }

    private WorkloadSpec spec(Resources resources, RestartPolicy restartPolicy) {
        UUID id = UUID.randomUUID();
        workloads.add(id);
        return new WorkloadSpec(id, "acme", "web", WorkloadKind.VM, base(LocalLibvirt.BASE_IMAGE), List.of(), Map.of(),
                resources, Map.of("team", "payments & <ops>"), restartPolicy);
    }

    static ImageSource.PlatformImage base(String volume) {
        return new ImageSource.PlatformImage("base", volume);
    }

    private static WorkloadSpec withImage(WorkloadSpec s, String volume) {
        return withImage(s, base(volume));
    }

    private static WorkloadSpec withImage(WorkloadSpec s, ImageSource image) {
        return new WorkloadSpec(s.workloadId(), s.tenant(), s.name(), s.kind(), image, s.command(), s.env(),
                s.resources(), s.labels(), s.restartPolicy());
    }

    private Domain domain(WorkloadSpec spec) throws LibvirtException {
        return libvirt.domainLookupByName(spec.providerName());
    }

    private StoragePool pool() {
        try {
            return libvirt.storagePoolLookupByName(LocalLibvirt.POOL);
        } catch (LibvirtException e) {
            throw new AssertionError(e);
        }
    }

    private Optional<StorageVol> volume(String name) {
        try {
            return WorkloadVolumes.find(pool(), name);
        } catch (LibvirtException e) {
            throw new AssertionError(e);
        }
    }

    private void createVolume(String name, long bytes) {
        try {
            if (volume(name).isEmpty()) {
                pool().storageVolCreateXML(WorkloadVolumes.volumeXml(name, bytes, "qcow2"), 0);
            }
        } catch (LibvirtException e) {
            throw new AssertionError(e);
        }
    }
}
