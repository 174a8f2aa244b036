package dev.berth.provider.spi;

import java.util.regex.Pattern;

/**
 * The names Berth itself gives objects on hosts: workload containers, domains and disks
 * ({@code berth-<uuid>}), cloud-init seeds ({@code berth-seed-<uuid>.iso}), backup volumes
 * ({@code berth-backup-<uuid>-<snapshot>}) and snapshot image repositories
 * ({@code berth-snapshots/<uuid>}). They hold tenants' data, so no image a tenant names and
 * no platform image may resolve to one; only a {@link ImageSource.SnapshotImage} the broker
 * resolved for the owning tenant leads to such an artefact.
 */
public final class BerthNames {

    private static final Pattern INTERNAL = Pattern.compile(
            "(?i)(?:.*/)?berth-(?:snapshots(?:/.*)?|seed-.*|backup-.*|[0-9a-f]{8}-[0-9a-f]{4}-.*)");

    private BerthNames() {
    }

    /**
     * Whether {@code name} (an image reference, a repository, a volume name; with or without a
     * registry in front) lies in one of Berth's own namespaces.
     */
    public static boolean isInternal(String name) {
        return name != null && INTERNAL.matcher(name).matches();
    }
}
