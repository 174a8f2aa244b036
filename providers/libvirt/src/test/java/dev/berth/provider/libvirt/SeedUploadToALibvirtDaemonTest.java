package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * The seed's bytes through a real libvirt daemon's upload stream, read back through its
 * download stream — what {@code test:///default} cannot show, since it keeps no volume
 * contents. Runs only when {@code BERTH_LIBVIRT_UPLOAD_URI} names a daemon with a storage
 * pool ({@code BERTH_LIBVIRT_UPLOAD_POOL}, default {@code default}) that supports upload,
 * e.g. a {@code dir} pool; how to start a throw-away unprivileged one is in the module README.
 */
@EnabledIfEnvironmentVariable(named = "BERTH_LIBVIRT_UPLOAD_URI", matches = ".+")
class SeedUploadToALibvirtDaemonTest {

    private static final String URI = System.getenv("BERTH_LIBVIRT_UPLOAD_URI");
    private static final String POOL = System.getenv().getOrDefault("BERTH_LIBVIRT_UPLOAD_POOL", "default");

    private Connect libvirt;
    private WorkloadVolumes volumes;
    private SeedVolumes seeds;
    private WorkloadSpec spec;

    @BeforeEach
    void open() throws LibvirtException {
        libvirt = new Connect(URI);
        LibvirtOptions options = LibvirtOptions.from(new HostConnection("libvirt", URI, Map.of("storagePool", POOL)), DestinationPolicy.defaults());
        volumes = new WorkloadVolumes(options, new LibvirtErrors(URI));
        seeds = new SeedVolumes(options, volumes);
        // 600 kB of user data (more than the API allows; the driver does not limit it) spans four stream chunks.
        spec = new WorkloadSpec(UUID.randomUUID(), "acme", "web", WorkloadKind.VM, new ImageSource.PlatformImage("unused", "unused"), null, null,
                new Resources(1000, 64, 1), Map.of(), RestartPolicy.NEVER,
                "#cloud-config\n# " + "z".repeat(600_000) + "\n", List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 a@b"));
    }

    @AfterEach
    void close() throws LibvirtException {
        seeds.delete(libvirt, spec.workloadId());
        libvirt.close();
    }

    @Test
    void uploadedSeedDownloadsAsTheExactImageAndIsRewrittenInPlace() throws LibvirtException {
        byte[] image = NoCloudSeed.of(spec).orElseThrow().image();

        SeedVolumes.Seed first = seeds.write(libvirt, spec).orElseThrow();
        SeedVolumes.Seed again = seeds.write(libvirt, spec).orElseThrow();

        assertThat(first.createdHere()).isTrue();
        assertThat(again.createdHere()).as("a re-provision writes into the volume it finds").isFalse();
        StorageVol volume = volumes.pool(libvirt).storageVolLookupByName(first.name());
        assertThat(volume.getInfo().capacity).isEqualTo(image.length);
        assertThat(download(volume, image.length)).isEqualTo(image);

        seeds.delete(libvirt, spec.workloadId());
        assertThat(WorkloadVolumes.find(volumes.pool(libvirt), first.name())).isEmpty();
    }

    private byte[] download(StorageVol volume, long length) throws LibvirtException {
        Stream stream = libvirt.streamNew(0);
        try {
            volume.download(stream, 0, length, 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = stream.receive(buffer)) > 0; ) {
                out.write(buffer, 0, read);
            }
            stream.finish();
            return out.toByteArray();
        } finally {
            stream.free();
        }
    }
}
