package dev.berth.broker.images;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.provider.spi.BerthNames;
import dev.berth.provider.spi.ImageSource.RegistryImage;

/**
 * A workload's {@code image} as the tenant wrote it, parsed — not yet resolved. Exactly one of:
 * <ul>
 *   <li>{@link Named}: a name that is a valid OCI registry reference; it resolves to the platform
 *       image of that exact name if one is registered, else to the registry reference;</li>
 *   <li>{@link OwnSnapshot}: {@code snapshot:<workloadId>/<snapshotName>}, a snapshot the caller's
 *       tenant must own (checked against Berth's snapshot records at resolution).</li>
 * </ul>
 * Everything else is refused here, before anything is looked up: image ids and id prefixes
 * ({@code sha256:ab12}, {@code ab12cd}), names in Berth's own host namespaces ({@link BerthNames}),
 * and whatever the OCI grammar does not accept. The reason names the {@code image} field.
 */
public sealed interface ImageReference {

    String SNAPSHOT_PREFIX = "snapshot:";

    /** A registry-style name: a platform image's name or a registry reference. */
    record Named(String text, RegistryImage registry) implements ImageReference {
    }

    /** A snapshot of one of the caller's tenant's workloads (possibly deleted). */
    record OwnSnapshot(UUID workloadId, String snapshotName) implements ImageReference {
    }

    Pattern SNAPSHOT = Pattern.compile("snapshot:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
            + "/([A-Za-z0-9][A-Za-z0-9._-]{0,63})");

    /** Parses what a tenant wrote; {@code 400 request.invalid} on {@code image} for anything else. */
    static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw ImageProblems.invalid("must not be blank");
        }
        if (text.startsWith(SNAPSHOT_PREFIX)) {
            Matcher m = SNAPSHOT.matcher(text);
            if (!m.matches()) {
                throw ImageProblems.invalid("a snapshot is referenced as snapshot:<workloadId>/<snapshotName>");
            }
            return new OwnSnapshot(UUID.fromString(m.group(1)), m.group(2));
        }
        RegistryImage registry;
        try {
            registry = RegistryImage.parse(text);
        } catch (IllegalArgumentException e) {
            throw ImageProblems.invalid("is not a platform image, a snapshot:<workloadId>/<snapshotName> or a registry "
                    + "reference [registry[:port]/]repo[:tag][@sha256:<64 hex>]: " + e.getMessage());
        }
        if (BerthNames.isInternal(registry.name()) || BerthNames.isInternal(text)) {
            throw ImageProblems.invalid("names an object of Berth's own (workload disks, seeds, backups and snapshot "
                    + "images are never images); a snapshot of your own is snapshot:<workloadId>/<snapshotName>");
        }
        return new Named(text, registry);
    }
}
