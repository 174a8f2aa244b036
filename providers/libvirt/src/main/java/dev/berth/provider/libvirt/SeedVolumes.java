package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * A VM's {@link NoCloudSeed} as a raw volume {@code berth-seed-<uuid>.iso} in the host's
 * storage pool, written through libvirt's volume upload stream — the one way that works for
 * remote hosts ({@code qemu+ssh://}) and every pool type, with no file access on the host.
 *
 * <p>libvirt's {@code test} driver has no volume contents at all (no upload, download or
 * wipe: {@code VIR_ERR_NO_SUPPORT}); there the volume is created at the image's exact size
 * and the upload is skipped, since no guest will ever read it. Any other host that cannot
 * take the upload fails the provision (Permanent).
 */
final class SeedVolumes {

    /** Bytes per {@code virStreamSend}: libvirt's own stream chunk size. */
    private static final int CHUNK = 256 * 1024;

    /** The seed volume, and whether this call created it (so a failed provision removes it). */
    record Seed(String name, boolean createdHere) {
    }

    private final LibvirtOptions options;
    private final WorkloadVolumes volumes;

    SeedVolumes(LibvirtOptions options, WorkloadVolumes volumes) {
        this.options = options;
        this.volumes = volumes;
    }

    /**
     * Creates the seed volume of {@code spec} and writes its image; empty when the spec
     * gives the guest nothing to initialise. A volume a previous attempt left is written
     * again (the image is a pure function of the spec, so a concurrent writer writes the
     * same bytes); one of the wrong size is replaced. On failure a volume made here is removed.
     */
    Optional<Seed> write(Connect connect, WorkloadSpec spec) throws LibvirtException {
        Optional<NoCloudSeed> seed = NoCloudSeed.of(spec);
        if (seed.isEmpty()) {
            return Optional.empty();
        }
        byte[] image = seed.get().image();
        String name = NoCloudSeed.volumeName(spec.workloadId());
        StoragePool pool = volumes.pool(connect);
        Optional<StorageVol> existing = WorkloadVolumes.find(pool, name);
        if (existing.isPresent() && existing.get().getInfo().capacity != image.length) {
            existing.get().delete(0);
            existing = Optional.empty();
        }
        boolean createdHere = false;
        StorageVol volume;
        if (existing.isPresent()) {
            volume = existing.get();
        } else {
            try {
                volume = pool.storageVolCreateXML(WorkloadVolumes.volumeXml(name, image.length, "raw"), 0);
                createdHere = true;
            } catch (LibvirtException e) {
                // A concurrent provision (another broker replica) created it first: write into that one.
                volume = WorkloadVolumes.find(pool, name).orElseThrow(() -> e);
            }
        }
        try {
            upload(connect, volume, image);
        } catch (LibvirtException | RuntimeException e) {
            if (createdHere) {
                deleteQuietly(connect, name);
            }
            throw e;
        }
        return Optional.of(new Seed(name, createdHere));
    }

    /** Deletes the workload's seed volume; a missing one (or pool) is success. */
    void delete(Connect connect, UUID workloadId) throws LibvirtException {
        volumes.delete(connect, NoCloudSeed.volumeName(workloadId));
    }

    void deleteQuietly(Connect connect, String name) {
        try {
            volumes.delete(connect, name);
        } catch (LibvirtException | RuntimeException e) {
            // The original failure is what the caller needs to see; delete() removes the seed later.
        }
    }

    /**
     * Streams {@code image} into {@code volume}. libvirt-java marks the stream writable
     * before it asks libvirt, so every failure aborts it first: otherwise {@code free()}
     * would try to finish it, fail, and never release the native stream.
     */
    private void upload(Connect connect, StorageVol volume, byte[] image) throws LibvirtException {
        Stream stream = connect.streamNew(0);
        try {
            volume.upload(stream, 0, image.length, 0);
            for (int offset = 0; offset < image.length; ) {
                int sent = stream.send(Arrays.copyOfRange(image, offset, Math.min(image.length, offset + CHUNK)));
                if (sent <= 0) { // a blocking stream sends at least one byte or fails
                    throw new ProviderException.Transient("libvirt " + options.uri() + ": upload of "
                            + volume.getName() + " stalled at byte " + offset, null);
                }
                offset += sent;
            }
            stream.finish();
        } catch (LibvirtException e) {
            abortQuietly(stream);
            if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                throw e;
            }
            if (!options.testDriver()) {
                throw new ProviderException.Permanent("libvirt " + options.uri() + ": host cannot receive the "
                        + "cloud-init seed: storage pool " + options.storagePool() + " does not support volume "
                        + "upload (" + LibvirtErrors.reason(e) + ")", e);
            }
            // The test driver keeps no volume contents: the seed's size is all it can have.
        } catch (RuntimeException e) {
            abortQuietly(stream);
            throw e;
        } finally {
            freeQuietly(stream);
        }
    }

    private static void abortQuietly(Stream stream) {
        try {
            stream.abort();
        } catch (LibvirtException | RuntimeException e) {
            // already broken; the send/finish failure is reported
        }
    }

    private static void freeQuietly(Stream stream) {
        try {
            stream.free();
        } catch (LibvirtException | RuntimeException e) {
            // nothing to recover
        }
    }
}
