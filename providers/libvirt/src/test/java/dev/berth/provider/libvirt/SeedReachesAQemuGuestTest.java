package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * End to end on a real hypervisor: the driver provisions a QEMU VM with user data and an SSH
 * key; the guest (Debian's cloud kernel, built by {@code src/test/guest/build-seed-check-guest.sh})
 * finds the volume labelled {@code cidata} by its label, mounts it with the kernel's iso9660
 * driver, copies {@code user-data} and {@code meta-data} to its own disk and powers off; the
 * test reads them back from the disk volume and compares. Opt-in:
 * {@code BERTH_LIBVIRT_GUEST_URI} (a libvirt daemon with QEMU), {@code BERTH_LIBVIRT_GUEST_POOL}
 * (default {@code default}), {@code BERTH_LIBVIRT_GUEST_IMAGE} (the guest image's volume in
 * that pool); needs {@code mtype} (mtools). Steps in the module README.
 */
@EnabledIfEnvironmentVariable(named = "BERTH_LIBVIRT_GUEST_URI", matches = ".+")
class SeedReachesAQemuGuestTest {

    private static final String URI = System.getenv("BERTH_LIBVIRT_GUEST_URI");
    private static final String POOL = System.getenv().getOrDefault("BERTH_LIBVIRT_GUEST_POOL", "default");
    private static final String IMAGE = System.getenv().getOrDefault("BERTH_LIBVIRT_GUEST_IMAGE",
            "seed-check-guest.img");
    /** Liveness bound only (the guest powers off after ~10 s under software emulation), not a performance figure. */
    private static final Duration GUEST_RUN = Duration.ofMinutes(5);
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOr9wZbV2mG6aQ alice@laptop: \"#1\"";

    private LibvirtDriver driver;
    private Connect libvirt;
    private WorkloadSpec spec;
    private Path disk;

    @BeforeEach
    void open() throws LibvirtException, IOException {
        driver = new LibvirtDriverFactory().open(new HostConnection("libvirt", URI,
                Map.of("storagePool", POOL, "domainType", "qemu")));
        libvirt = new Connect(URI);
        UUID id = UUID.randomUUID();
        spec = new WorkloadSpec(id, "acme", "seed-check", WorkloadKind.VM, new ImageSource.PlatformImage("guest", IMAGE), null, null,
                new Resources(1000, 256, 0), Map.of(), RestartPolicy.NEVER,
                "#cloud-config\n# grüße from workload " + id + "\nruncmd: [[touch, /var/tmp/berth]]\n", List.of(KEY));
        disk = Files.createTempFile("berth-guest-disk-", ".img");
    }

    @AfterEach
    void close() throws LibvirtException, IOException {
        driver.delete(spec.workloadId());
        driver.close();
        libvirt.close();
        Files.deleteIfExists(disk);
    }

    @Test
    void theGuestFindsTheSeedByItsLabelAndReadsUserDataAndMetaDataExactly() throws Exception {
        driver.provision(spec);
        awaitPowerOff();

        download(spec.providerName(), disk);

        assertThat(mtype("found.txt")).startsWith("findfs LABEL=cidata: /dev/vdb\n")
                .contains("/dev/vdb /seed iso9660 ro");
        assertThat(mtype("listing.txt")).isEqualTo("meta-data\nuser-data\n");
        assertThat(mtype("user-data")).isEqualTo(spec.userData());
        Map<String, Object> meta = new Yaml(new SafeConstructor(new LoaderOptions())).load(mtype("meta-data"));
        assertThat(meta).containsEntry("instance-id", spec.workloadId().toString())
                .containsEntry("local-hostname", "seed-check").containsEntry("public-keys", List.of(KEY));

        driver.delete(spec.workloadId());
        assertThat(driver.describe(spec.workloadId())).isEmpty();
        assertThat(volume(spec.providerName())).isEmpty();
        assertThat(volume(NoCloudSeed.volumeName(spec.workloadId()))).isEmpty();
    }

    private Optional<StorageVol> volume(String name) throws LibvirtException {
        return WorkloadVolumes.find(libvirt.storagePoolLookupByName(POOL), name);
    }

    private void awaitPowerOff() throws InterruptedException {
        long deadline = System.nanoTime() + GUEST_RUN.toNanos();
        while (driver.describe(spec.workloadId()).orElseThrow().status() != ActualState.Status.STOPPED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("guest still running after " + GUEST_RUN + ": it never powered off");
            }
            Thread.sleep(500);
        }
    }

    private void download(String volumeName, Path target) throws LibvirtException, IOException {
        StorageVol volume = libvirt.storagePoolLookupByName(POOL).storageVolLookupByName(volumeName);
        Stream stream = libvirt.streamNew(0);
        try (OutputStream out = Files.newOutputStream(target)) {
            volume.download(stream, 0, volume.getInfo().capacity, 0);
            byte[] buffer = new byte[256 * 1024];
            for (int read; (read = stream.receive(buffer)) > 0; ) {
                out.write(buffer, 0, read);
            }
            stream.finish();
        } finally {
            stream.free();
        }
    }

    /** A file of {@code result/} on the guest's FAT disk, read with mtools. */
    private String mtype(String file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mtype", "-i", disk.toString(), "::result/" + file)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as("mtype " + file).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
