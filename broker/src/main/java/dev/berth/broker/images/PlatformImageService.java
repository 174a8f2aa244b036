package dev.berth.broker.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.berth.api.model.FieldViolation;
import dev.berth.broker.db.Database;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.provider.spi.BerthNames;
import dev.berth.provider.spi.ImageSource.RegistryImage;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Platform image administration: register, list, get, remove. Every artefact is checked
 * against its driver's grammar and against Berth's own namespaces here, so a platform image
 * can never become a way to another tenant's disk, seed, backup or snapshot image (the
 * drivers check again when they use it).
 */
@ApplicationScoped
public class PlatformImageService {

    private static final String UNIQUE_VIOLATION = "23505";
    /** A libvirt volume name; never {@code berth-*}, the prefix of every volume Berth makes. */
    private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    /** An AWS OS family of a target's AMI mapping (e.g. {@code debian-12}) or an AMI id. */
    private static final Pattern AWS_VM = Pattern.compile("ami-[0-9a-f]{8,17}|[a-z0-9][a-z0-9._-]{0,127}");
    /** Which drivers can run which kind of platform image. */
    private static final Map<WorkloadKind, Set<String>> DRIVERS = Map.of(
            WorkloadKind.CONTAINER, Set.of("docker", "aws"), WorkloadKind.VM, Set.of("libvirt", "aws"));

    /** What an admin asks to register. */
    public record Registration(String name, WorkloadKind kind, Map<String, String> artefacts, Set<UUID> hostIds,
                               String description) {
    }

    private final Database db;
    private final PlatformImageRepository images;
    private final HostRepository hosts;

    PlatformImageService(Database db, PlatformImageRepository images, HostRepository hosts) {
        this.db = db;
        this.images = images;
        this.hosts = hosts;
    }

    public PlatformImage register(Registration r) {
        List<FieldViolation> violations = new ArrayList<>();
        checkName(r.name(), violations);
        r.artefacts().forEach((driver, artefact) -> checkArtefact(r.kind(), driver, artefact, violations));
        if (r.artefacts().isEmpty()) {
            violations.add(violation("artefacts", "must name the artefact of at least one driver"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
        PlatformImage image = new PlatformImage(UUID.randomUUID(), r.name(), r.kind(), r.artefacts(), r.hostIds(),
                r.description(), null);
        try {
            return db.transaction(c -> {
                for (UUID hostId : r.hostIds()) {
                    if (hosts.find(c, hostId).isEmpty()) {
                        throw new InvalidRequest("hostIds", "no host " + hostId);
                    }
                }
                images.insert(c, image);
                return images.find(c, image.id()).orElseThrow();
            });
        } catch (Database.DatabaseException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new ImageProblems.NameTaken(r.name());
            }
            throw e;
        }
    }

    public List<PlatformImage> list() {
        return db.autoCommit(images::all);
    }

    public PlatformImage get(UUID id) {
        return db.autoCommit(c -> images.find(c, id)).orElseThrow(() -> new ImageProblems.NotFound(id));
    }

    /** Workloads already admitted keep the artefact they were resolved to (it is on their row). */
    public void delete(UUID id) {
        if (!db.transaction(c -> images.delete(c, id))) {
            throw new ImageProblems.NotFound(id);
        }
    }

    private static void checkName(String name, List<FieldViolation> violations) {
        try {
            RegistryImage parsed = RegistryImage.parse(name);
            if (parsed.digest() != null) {
                violations.add(violation("name", "must not carry a digest"));
            }
            if (BerthNames.isInternal(name)) {
                violations.add(violation("name", "must not lie in Berth's own namespaces"));
            }
        } catch (IllegalArgumentException e) {
            violations.add(violation("name", "must be a registry-style name with an optional tag: " + e.getMessage()));
        }
    }

    private static void checkArtefact(WorkloadKind kind, String driver, String artefact, List<FieldViolation> violations) {
        String field = "artefacts." + driver;
        if (!DRIVERS.get(kind).contains(driver)) {
            violations.add(violation(field, "a " + kind.name().toLowerCase() + " image cannot run on " + driver + " hosts"));
            return;
        }
        if (BerthNames.isInternal(artefact) || ("libvirt".equals(driver) && artefact.toLowerCase().startsWith("berth-"))) {
            violations.add(violation(field, "must not name an object of Berth's own (workload disks, seeds, backups, "
                    + "snapshot images)"));
            return;
        }
        boolean registryReference = "docker".equals(driver) || ("aws".equals(driver) && kind == WorkloadKind.CONTAINER);
        if (registryReference) {
            try {
                RegistryImage.parse(artefact);
            } catch (IllegalArgumentException e) {
                violations.add(violation(field, "must be an image reference: " + e.getMessage()));
            }
        } else if ("libvirt".equals(driver) ? !VOLUME.matcher(artefact).matches() : !AWS_VM.matcher(artefact).matches()) {
            violations.add(violation(field, "libvirt".equals(driver) ? "must be a volume name of the storage pool"
                    : "must be an OS family of the target's AMI mapping or an AMI id"));
        }
    }

    private static FieldViolation violation(String field, String message) {
        return new FieldViolation().field(field).message(message);
    }
}
