package dev.berth.provider.libvirt;

import dev.berth.provider.spi.WorkloadLocks;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainSnapshot;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * A libvirt host (one URI) as a placement target for VMs. The domain name
 * {@code berth-<uuid>} is the workload's identity: libvirt refuses a second domain of that
 * name, which keeps provisioning idempotent even when broker workers race. Each workload
 * owns one disk volume of the same name in the host's storage pool, cloned from a base
 * image volume (Berth never downloads images), and, when it has user data or SSH keys, a
 * cloud-init seed volume ({@link NoCloudSeed}) attached as a read-only second disk. Thread-safe.
 *
 * <p>Besides the SPI it offers snapshots ({@link #createSnapshot} …), not yet part of
 * {@link ProviderDriver}.
 */
public final class LibvirtDriver implements ProviderDriver, SnapshotCapable {

    private static final Duration STOP_POLL = Duration.ofMillis(100);

    private final LibvirtOptions options;
    private final LibvirtConnection connection;
    private final LibvirtErrors errors;
    private final WorkloadVolumes volumes;
    private final SeedVolumes seeds;
    private final WorkloadLocks locks = new WorkloadLocks();

    LibvirtDriver(LibvirtOptions options, LibvirtConnection connection) {
        this.options = options;
        this.connection = connection;
        this.errors = connection.errors();
        this.volumes = new WorkloadVolumes(options, errors);
        this.seeds = new SeedVolumes(options, volumes);
    }

    /** CPU and memory from {@code nodeInfo}; disk is the storage pool's capacity. */
    @Override
    public HostInventory inventory() {
        return connection.call("read host inventory", connect -> HostFacts.inventory(connect, options, volumes));
    }

    @Override
    public HostHealth probe() {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        try {
            String version = connection.call("probe", connect -> HostFacts.version(connect.getLibVersion()));
            return new HostHealth(true, "libvirt " + version + " answered", elapsedSince(started), checkedAt);
        } catch (RuntimeException e) {
            return new HostHealth(false, String.valueOf(e.getMessage()), elapsedSince(started), checkedAt);
        }
    }

    @Override
    public ActualState provision(WorkloadSpec spec) {
        if (spec.kind() != WorkloadKind.VM) {
            throw new ProviderException.Permanent("libvirt hosts run VMs only, not " + spec.kind(), null);
        }
        DomainXml.memoryMiB(spec); // refuse a bad spec before anything is created
        BaseImages.volume(spec, options.uri().toString()); // and an image it must not clone
        UUID id = spec.workloadId();
        String name = spec.providerName();
        return locks.with(id, () -> {
            connection.call("provision " + name, connect -> {
                Domain domain = lookup(connect, name).orElse(null);
                requireOwnedBy(domain == null ? define(connect, spec) : domain, id);
                return null;
            });
            start(id);
            return describe(id).orElseThrow(() -> new ProviderException.Transient(
                    "libvirt " + options.uri() + ": " + name + " disappeared while being provisioned", null));
        });
    }

    @Override
    public void start(UUID workloadId) {
        String name = WorkloadSpec.providerName(workloadId);
        locks.with(workloadId, () -> connection.call("start " + name, connect -> {
            Domain domain = require(connect, name);
            if (domain.isActive() != 1) {
                try {
                    domain.create();
                } catch (LibvirtException e) {
                    if (domain.isActive() != 1) { // else a concurrent start won
                        throw e;
                    }
                }
            }
            return null;
        }));
    }

    /** ACPI shutdown, polled until the grace ends, then destroy (power off). */
    @Override
    public void stop(UUID workloadId, Duration grace) {
        String name = WorkloadSpec.providerName(workloadId);
        locks.with(workloadId, () -> {
            Shutdown shutdown = connection.call("stop " + name, connect -> Shutdown.request(require(connect, name)));
            if (shutdown == Shutdown.ALREADY_OFF) {
                return;
            }
            if (shutdown == Shutdown.REQUESTED && awaitOff(name, grace)) {
                return;
            }
            connection.call("destroy " + name, connect -> {
                Optional<Domain> domain = lookup(connect, name);
                if (domain.isPresent()) {
                    destroy(domain.get());
                }
                return null;
            });
        });
    }

    /** Stop then start, rather than a guest reboot: it works without guest cooperation and on stopped domains. */
    @Override
    public void restart(UUID workloadId, Duration grace) {
        locks.with(workloadId, () -> {
            stop(workloadId, grace);
            start(workloadId);
        });
    }

    /**
     * Destroys, undefines (with its snapshots' metadata) and deletes the disk and the seed
     * volume; a missing domain or volume is success.
     */
    @Override
    public void delete(UUID workloadId) {
        String name = WorkloadSpec.providerName(workloadId);
        locks.with(workloadId, () -> connection.call("delete " + name, connect -> {
            Optional<Domain> domain = lookup(connect, name);
            if (domain.isPresent()) {
                destroy(domain.get());
                undefine(domain.get());
            }
            volumes.delete(connect, name);
            seeds.delete(connect, workloadId);
            return null;
        }));
    }

    @Override
    public Optional<ActualState> describe(UUID workloadId) {
        String name = WorkloadSpec.providerName(workloadId);
        try {
            return connection.call("describe " + name, connect -> {
                Optional<Domain> domain = lookup(connect, name);
                return domain.isEmpty() ? Optional.<ActualState>empty()
                        : Optional.of(state(connect, domain.get(), workloadId, true));
            });
        } catch (ProviderException.NotFound vanishedMeanwhile) {
            return Optional.empty();
        }
    }

    /** Every domain carrying Berth's metadata, stopped ones included; limits are not read here. */
    @Override
    public List<ActualState> list() {
        return connection.call("list domains", connect -> {
            List<ActualState> states = new ArrayList<>();
            for (String name : domainNames(connect)) {
                try {
                    Optional<Domain> domain = lookup(connect, name);
                    Optional<UUID> id = domain.isEmpty() ? Optional.empty() : DomainLabels.workloadId(labels(domain.get()));
                    if (id.isPresent()) {
                        states.add(state(connect, domain.get(), id.get(), false));
                    }
                } catch (LibvirtException e) {
                    if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) { // else undefined meanwhile
                        throw e;
                    }
                }
            }
            return states;
        });
    }

    @Override
    public void close() {
        connection.close();
    }

    // ---------------------------------------------------------------- snapshots (SnapshotCapable)

    /** Takes a snapshot named {@code snapshotName}; idempotent by name. NotFound if the workload is gone. */
    @Override
    public ProviderSnapshot createSnapshot(UUID workloadId, String snapshotName) {
        DomainSnapshots.requireValidName(snapshotName);
        String name = WorkloadSpec.providerName(workloadId);
        return toProvider(locks.with(workloadId, () -> connection.call("snapshot " + name + " as " + snapshotName,
                connect -> {
                    LibvirtSnapshot taken = DomainSnapshots.create(require(connect, name), snapshotName);
                    volumes.backup(connect, name, WorkloadVolumes.backupName(name, snapshotName));
                    return taken;
                })));
    }

    /**
     * The backup volume taken with the snapshot: a base image a new VM can be created from,
     * also after this workload is deleted (hypervisor snapshots die with their domain; the
     * backup volume does not).
     */
    @Override
    public Optional<String> restorableImage(UUID workloadId, String snapshotName) {
        DomainSnapshots.requireValidName(snapshotName);
        String backup = WorkloadVolumes.backupName(WorkloadSpec.providerName(workloadId), snapshotName);
        return connection.call("find backup " + backup, connect -> volumes.existing(connect, backup));
    }

    private static ProviderSnapshot toProvider(LibvirtSnapshot s) {
        return new ProviderSnapshot(s.name(), s.createdAt(), "domain " + s.domainState());
    }

    /** The workload's snapshots, oldest first. NotFound if the workload is gone. */
    @Override
    public List<ProviderSnapshot> listSnapshots(UUID workloadId) {
        String name = WorkloadSpec.providerName(workloadId);
        return connection.call("list snapshots of " + name, connect -> DomainSnapshots.list(require(connect, name)))
                .stream().map(LibvirtDriver::toProvider).toList();
    }

    /** Returns the workload to the snapshot's disk (and, if it was running, memory) state. */
    @Override
    public void revertToSnapshot(UUID workloadId, String snapshotName) {
        String name = WorkloadSpec.providerName(workloadId);
        locks.with(workloadId, () -> connection.call("revert " + name + " to " + snapshotName, connect -> {
            Domain domain = require(connect, name);
            DomainSnapshot snapshot = DomainSnapshots.find(domain, snapshotName).orElseThrow(() ->
                    new ProviderException.NotFound("libvirt " + options.uri() + ": " + name + " has no snapshot "
                            + snapshotName, null));
            return domain.revertToSnapshot(snapshot);
        }));
    }

    /** Deletes one snapshot; a missing snapshot or workload is success. */
    @Override
    public void deleteSnapshot(UUID workloadId, String snapshotName) {
        String name = WorkloadSpec.providerName(workloadId);
        locks.with(workloadId, () -> connection.call("delete snapshot " + snapshotName + " of " + name, connect -> {
            Optional<Domain> domain = lookup(connect, name);
            Optional<DomainSnapshot> snapshot = domain.isEmpty() ? Optional.empty()
                    : DomainSnapshots.find(domain.get(), snapshotName);
            if (snapshot.isPresent()) {
                snapshot.get().delete(0);
            }
            volumes.delete(connect, WorkloadVolumes.backupName(name, snapshotName));
            return null;
        }));
    }

    // ---------------------------------------------------------------- steps

    /**
     * Clones the disk, writes the cloud-init seed (if the spec has one) and defines the
     * domain; a lost define race adopts the winner's domain. Any other failure removes the
     * volumes this call created: a failed provision leaves nothing behind.
     */
    private Domain define(Connect connect, WorkloadSpec spec) throws LibvirtException {
        WorkloadVolumes.Volume volume = volumes.cloneBase(connect, spec);
        Optional<SeedVolumes.Seed> seed = Optional.empty();
        try {
            seed = seeds.write(connect, spec);
            return connect.domainDefineXML(DomainXml.of(spec, options, volume.name(), volume.format(),
                    seed.map(SeedVolumes.Seed::name)));
        } catch (LibvirtException | RuntimeException e) {
            Optional<Domain> winner = lookup(connect, spec.providerName());
            if (winner.isPresent()) {
                return winner.get();
            }
            if (seed.isPresent() && seed.get().createdHere()) {
                seeds.deleteQuietly(connect, seed.get().name());
            }
            if (volume.createdHere()) {
                deleteVolumeQuietly(connect, volume.name());
            }
            throw e;
        }
    }

    private boolean awaitOff(String name, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            boolean active = connection.call("stop " + name + ": wait", connect -> {
                Optional<Domain> domain = lookup(connect, name);
                return domain.isPresent() && domain.get().isActive() == 1;
            });
            if (!active) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(STOP_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Transient("interrupted while stopping " + name, e);
            }
        }
    }

    private ActualState state(Connect connect, Domain domain, UUID workloadId, boolean withApplied) throws LibvirtException {
        DomainInfo info = domain.getInfo();
        Optional<Resources> applied = withApplied
                ? Optional.of(new Resources(info.nrVirtCpu * (long) DomainXml.MILLI_CPU_PER_VCPU, info.maxMem / 1024,
                        volumes.capacityGiB(connect, domain.getName())))
                : Optional.empty();
        Map<String, String> labels = labels(domain);
        // libvirt keeps no exit code or run times for a domain: a guest's "exit" is a shutdown.
        return new ActualState(workloadId, DomainLabels.tenant(labels), domain.getUUIDString(),
                DomainStates.status(info.state), DomainStates.detail(info.state), applied, DomainStates.detail(info.state),
                null, null, null, labels.get(WorkloadSpec.LABEL_INSTALLATION));
    }

    private void requireOwnedBy(Domain domain, UUID workloadId) throws LibvirtException {
        Optional<UUID> owner = DomainLabels.workloadId(labels(domain));
        if (!owner.equals(Optional.of(workloadId))) {
            throw new ProviderException.Permanent("domain name " + domain.getName() + " on " + options.uri()
                    + " is taken by a domain Berth did not create (berth.workload=" + owner.orElse(null) + ")", null);
        }
    }

    /** Berth's labels from the domain's metadata; empty for a domain Berth did not create. */
    private static Map<String, String> labels(Domain domain) throws LibvirtException {
        try {
            return DomainLabels.parse(domain.getMetadata(Domain.MetadataType.ELEMENT, DomainLabels.NAMESPACE, 0));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA)) {
                return Map.of();
            }
            throw e;
        }
    }

    private static Set<String> domainNames(Connect connect) throws LibvirtException {
        Set<String> names = new LinkedHashSet<>();
        for (int runningId : connect.listDomains()) {
            try {
                names.add(connect.domainLookupByID(runningId).getName());
            } catch (LibvirtException e) {
                if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                    throw e;
                }
            }
        }
        names.addAll(Arrays.asList(connect.listDefinedDomains()));
        return names;
    }

    private static Optional<Domain> lookup(Connect connect, String name) throws LibvirtException {
        try {
            return Optional.of(connect.domainLookupByName(name));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Domain require(Connect connect, String name) throws LibvirtException {
        return lookup(connect, name).orElseThrow(() -> errors.domainMissing(name));
    }

    /** Powers the domain off; one that is already off or gone is fine. */
    private static void destroy(Domain domain) throws LibvirtException {
        try {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
        } catch (LibvirtException e) {
            if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
                throw e;
            }
        }
    }

    /**
     * Removes the definition. libvirt refuses to undefine a domain that has snapshots (or a
     * managed save image); the flags remove their metadata with it, and the volume holding
     * their data is deleted right after.
     */
    private static void undefine(Domain domain) throws LibvirtException {
        try {
            domain.undefine(Domain.UndefineFlags.SNAPSHOTS_METADATA | Domain.UndefineFlags.MANAGED_SAVE);
        } catch (LibvirtException e) {
            if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) { // a transient domain vanished on destroy
                throw e;
            }
        }
    }

    private void deleteVolumeQuietly(Connect connect, String volume) {
        try {
            volumes.delete(connect, volume);
        } catch (LibvirtException | RuntimeException e) {
            // The define failure is what the caller needs to see; delete() removes the volume later.
        }
    }

    private static Duration elapsedSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
