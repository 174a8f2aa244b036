package dev.berth.broker.images;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.hosts.HostDrivers;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The image resolution step of admission (issue 13): turns what a tenant wrote into what each
 * host's driver may get, or refuses it — before placement, before anything is stored or
 * reserved. See {@link ImageReference} for the grammar and {@link ResolvedImage} for where
 * each kind of source can run. A snapshot is looked up in Berth's own records for the
 * caller's tenant only, and its artefact is asked of the driver of the host that keeps it by
 * workload id and snapshot name — never by a name the tenant typed.
 */
@ApplicationScoped
public class ImageResolver {

    /**
     * Drivers that run registry images as containers: Docker (present on the host), AWS Fargate
     * (pulled), and the simulated provider (which checks the reference against its host's {@code images}).
     */
    static final Set<String> REGISTRY_DRIVERS = Set.of("docker", "aws", "sim");

    private final Database db;
    private final PlatformImageRepository platformImages;
    private final OwnedSnapshots snapshots;
    private final HostRepository hosts;
    private final HostDrivers drivers;

    ImageResolver(Database db, PlatformImageRepository platformImages, OwnedSnapshots snapshots, HostRepository hosts,
                  HostDrivers drivers) {
        this.db = db;
        this.platformImages = platformImages;
        this.snapshots = snapshots;
        this.hosts = hosts;
        this.drivers = drivers;
    }

    /**
     * @param requested the kind the request asked for explicitly; empty for {@code auto}
     * @throws dev.berth.broker.problems.InvalidRequest {@code 400 request.invalid} on {@code image}
     * @throws SnapshotNotFound {@code 404 snapshot.not_found}: no such snapshot of the caller's tenant
     */
    public ResolvedImage resolve(String tenant, String text, Optional<WorkloadKind> requested) {
        ImageReference reference = ImageReference.parse(text);
        if (reference instanceof ImageReference.OwnSnapshot snapshot) {
            return snapshot(tenant, snapshot, requested);
        }
        ImageReference.Named named = (ImageReference.Named) reference;
        return db.autoCommit(c -> {
            List<Host> fleet = hosts.all(c);
            Optional<PlatformImage> platform = platformImages.findByName(c, named.text());
            return platform.isPresent() ? platform(platform.get(), fleet, requested) : registry(named, fleet, requested);
        });
    }

    private static ResolvedImage registry(ImageReference.Named named, List<Host> fleet, Optional<WorkloadKind> requested) {
        if (requested.equals(Optional.of(WorkloadKind.VM))) {
            throw ImageProblems.invalid("'" + named.text() + "' is neither a platform image nor a snapshot: a VM starts "
                    + "from one of those (GET /v1/images lists the platform images)");
        }
        Map<UUID, ImageSource> byHost = new HashMap<>();
        for (Host host : fleet) {
            if (REGISTRY_DRIVERS.contains(host.driver())) {
                byHost.put(host.id(), named.registry());
            }
        }
        return new ResolvedImage(ImageSourceKind.REGISTRY, byHost, Optional.empty());
    }

    private static ResolvedImage platform(PlatformImage image, List<Host> fleet, Optional<WorkloadKind> requested) {
        if (requested.isPresent() && requested.get() != image.kind()) {
            throw ImageProblems.invalid("platform image '" + image.name() + "' is a " + kindName(image.kind())
                    + " image, not a " + kindName(requested.get()) + " image");
        }
        Map<UUID, ImageSource> byHost = new HashMap<>();
        for (Host host : fleet) {
            image.artefactOn(host.id(), host.driver())
                    .ifPresent(artefact -> byHost.put(host.id(), new ImageSource.PlatformImage(image.name(), artefact)));
        }
        return new ResolvedImage(ImageSourceKind.PLATFORM, byHost, Optional.of(image.kind()));
    }

    private ResolvedImage snapshot(String tenant, ImageReference.OwnSnapshot ref, Optional<WorkloadKind> requested) {
        OwnedSnapshots.Found found = db.autoCommit(c -> snapshots.find(c, tenant, ref.workloadId(), ref.snapshotName()))
                .orElseThrow(() -> new SnapshotNotFound(ref));
        if (!"AVAILABLE".equals(found.status())) {
            throw new NotRestorable("Snapshot '" + ref.snapshotName() + "' is " + found.status() + ", not AVAILABLE.");
        }
        if (requested.isPresent() && requested.get() != found.kind()) {
            throw ImageProblems.invalid("snapshot " + ref.workloadId() + "/" + ref.snapshotName() + " is of a "
                    + kindName(found.kind()) + ", not a " + kindName(requested.get()));
        }
        Optional<Host> host = Optional.ofNullable(found.hostId()).flatMap(id -> db.autoCommit(c -> hosts.find(c, id)));
        Optional<String> artefact = host.map(drivers::forHost)
                .filter(SnapshotCapable.class::isInstance)
                .flatMap(driver -> restorable((SnapshotCapable) driver, ref));
        if (host.isEmpty() || artefact.isEmpty()) {
            throw new NotRestorable("Snapshot '" + ref.snapshotName() + "' lives only as long as its "
                    + kindName(found.kind()) + "; restore it in place instead.");
        }
        return new ResolvedImage(ImageSourceKind.SNAPSHOT, Map.of(host.get().id(), new ImageSource.SnapshotImage(tenant,
                ref.workloadId(), ref.snapshotName(), artefact.get())), Optional.of(found.kind()));
    }

    private static Optional<String> restorable(SnapshotCapable driver, ImageReference.OwnSnapshot ref) {
        return driver.restorableImage(ref.workloadId(), ref.snapshotName());
    }

    private static String kindName(WorkloadKind kind) {
        return kind == WorkloadKind.VM ? "VM" : "container";
    }

    /** {@code 404 snapshot.not_found}: the same answer for another tenant's snapshot and a missing one. */
    public static final class SnapshotNotFound extends BerthProblem {
        SnapshotNotFound(ImageReference.OwnSnapshot ref) {
            super(ProblemCode.SNAPSHOT_NOT_FOUND, "No snapshot '" + ref.snapshotName() + "' of workload "
                    + ref.workloadId() + " in your tenant.");
        }
    }

    /** {@code 409 snapshot.not_restorable}: the tenant's own snapshot exists but cannot seed a new workload. */
    public static final class NotRestorable extends BerthProblem {
        NotRestorable(String why) {
            super(ProblemCode.SNAPSHOT_NOT_RESTORABLE, why);
        }
    }
}
