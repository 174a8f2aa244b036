package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * The workload's disk: a volume named {@code berth-<uuid>} in the host's storage pool, a full
 * clone of the base image volume {@link BaseImages} allows for {@link WorkloadSpec#image()}, grown to
 * {@code diskGiB}. A clone (not a copy-on-write overlay) keeps every workload independent of
 * its base image, which may then be replaced or deleted at any time.
 */
final class WorkloadVolumes {

    static final long BYTES_PER_GIB = 1024L * 1024L * 1024L;

    /** The workload's volume, and whether this call created it (so a failed define removes it). */
    record Volume(String name, String format, boolean createdHere) {
    }

    private final LibvirtOptions options;
    private final LibvirtErrors errors;

    WorkloadVolumes(LibvirtOptions options, LibvirtErrors errors) {
        this.options = options;
        this.errors = errors;
    }

    StoragePool pool(Connect connect) throws LibvirtException {
        try {
            return connect.storagePoolLookupByName(options.storagePool());
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
                throw errors.poolMissing(options.storagePool());
            }
            throw e;
        }
    }

    private static void seed(StoragePool pool, String image) throws LibvirtException {
        try {
            pool.storageVolCreateXML(volumeXml(image, BYTES_PER_GIB, "qcow2"), 0);
        } catch (LibvirtException e) {
            if (find(pool, image).isEmpty()) {
                throw e;
            }
            // seeded concurrently by another provision: fine
        }
    }

    /**
     * Clones the base image into the workload's volume, or adopts the volume a previous or
     * concurrent attempt made. A missing base image is Permanent and leaves nothing behind.
     */
    Volume cloneBase(Connect connect, WorkloadSpec spec) throws LibvirtException {
        StoragePool pool = pool(connect);
        String name = spec.providerName();
        Optional<StorageVol> existing = find(pool, name);
        if (existing.isPresent()) {
            return new Volume(name, format(existing.get()), false);
        }
        String baseName = BaseImages.volume(spec, options.uri().toString());
        if (BaseImages.seedable(spec) && find(pool, baseName).isEmpty() && options.seedBaseImages().contains(baseName)) {
            seed(pool, baseName);
        }
        StorageVol base = find(pool, baseName).orElseThrow(() -> errors.imageMissing(baseName, options.storagePool()));
        long baseBytes = base.getInfo().capacity;
        long wantedBytes = spec.resources().diskGiB() * BYTES_PER_GIB;
        if (wantedBytes > 0 && wantedBytes < baseBytes) {
            throw new ProviderException.Permanent("disk of " + spec.resources().diskGiB() + " GiB is smaller than base image "
                    + baseName + " (" + baseBytes + " bytes)", null);
        }
        String format = format(base);
        try {
            pool.storageVolCreateXMLFrom(volumeXml(name, Math.max(wantedBytes, baseBytes), format), base, 0);
            return new Volume(name, format, true);
        } catch (LibvirtException e) {
            // A concurrent provision (another broker worker) created it first: adopt it.
            if (find(pool, name).isPresent()) {
                return new Volume(name, format, false);
            }
            throw e;
        }
    }

    /** Name of the volume that backs up a workload's disk as of one snapshot. */
    static String backupName(String workloadVolume, String snapshotName) {
        return workloadVolume.replaceFirst("^berth-", "berth-backup-") + "-" + snapshotName;
    }

    /**
     * Copies the workload's disk to its backup volume (a full, independent copy: it outlives
     * the domain, so a deleted VM can be restored as a new one). Idempotent.
     */
    void backup(Connect connect, String workloadVolume, String backupName) throws LibvirtException {
        StoragePool pool = pool(connect);
        if (find(pool, backupName).isPresent()) {
            return;
        }
        StorageVol source = find(pool, workloadVolume).orElseThrow(() ->
                new ProviderException.NotFound("volume " + workloadVolume + " is gone", null));
        pool.storageVolCreateXMLFrom(volumeXml(backupName, source.getInfo().capacity, format(source)), source, 0);
    }

    Optional<String> existing(Connect connect, String name) throws LibvirtException {
        try {
            return find(pool(connect), name).map(v -> name);
        } catch (ProviderException.Permanent poolGone) {
            return Optional.empty();
        }
    }

    /** Deletes the workload's volume; a missing volume or pool is success. */
    void delete(Connect connect, String name) throws LibvirtException {
        try {
            pool(connect).storageVolLookupByName(name).delete(0);
        } catch (ProviderException.Permanent poolGone) {
            // no pool, no volume
        } catch (LibvirtException e) {
            if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                throw e;
            }
        }
    }

    /** The volume's capacity in whole GiB, rounded up; 0 when the volume is gone. */
    long capacityGiB(Connect connect, String name) throws LibvirtException {
        try {
            long bytes = pool(connect).storageVolLookupByName(name).getInfo().capacity;
            return (bytes + BYTES_PER_GIB - 1) / BYTES_PER_GIB;
        } catch (ProviderException.Permanent poolGone) {
            return 0;
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                return 0;
            }
            throw e;
        }
    }

    static Optional<StorageVol> find(StoragePool pool, String name) throws LibvirtException {
        try {
            return Optional.of(pool.storageVolLookupByName(name));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String volumeXml(String name, long capacityBytes, String format) {
        return "<volume><name>" + Xml.escape(name) + "</name><capacity unit='bytes'>" + capacityBytes
                + "</capacity><target><format type='" + Xml.escape(format) + "'/></target></volume>";
    }

    /** The volume's format from its XML; raw when libvirt does not say. */
    private static String format(StorageVol volume) throws LibvirtException {
        return Xml.text(Xml.parse(volume.getXMLDesc(0)), "/volume/target/format/@type").orElse("raw");
    }
}
