package dev.berth.broker.images;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.db.Json;
import dev.berth.provider.spi.ImageSource;

/**
 * How a resolved {@link ImageSource} is kept on its workload row ({@code image_source},
 * {@code image_resolved}, V13), so every later provision — retries, another replica — hands
 * the driver exactly what admission resolved, never the text again.
 */
public final class StoredImages {

    private StoredImages() {
    }

    public static String json(ImageSource image) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (image instanceof ImageSource.RegistryImage r) {
            out.put("registry", r.registry());
            out.put("repository", r.repository());
            out.put("tag", r.tag());
            out.put("digest", r.digest());
        } else if (image instanceof ImageSource.PlatformImage p) {
            out.put("name", p.name());
            out.put("artefact", p.artefact());
        } else {
            ImageSource.SnapshotImage s = (ImageSource.SnapshotImage) image;
            out.put("tenant", s.tenant());
            out.put("workloadId", s.workloadId().toString());
            out.put("snapshotName", s.snapshotName());
            out.put("artefact", s.artefact());
        }
        return Json.write(out);
    }

    /**
     * The stored image. A row admitted before V13 has none: its text is read as a registry
     * reference when it parses as one (what the Docker and AWS drivers did with it), else as
     * an unnamed platform image's artefact (what the libvirt driver did) — the drivers' own
     * checks on Berth's namespaces still apply to it.
     */
    public static ImageSource read(String kind, String json, String legacyText) {
        if (kind == null || json == null) {
            try {
                return ImageSource.RegistryImage.parse(legacyText);
            } catch (IllegalArgumentException notAReference) {
                return new ImageSource.PlatformImage(legacyText, legacyText);
            }
        }
        Map<String, String> v = Json.stringMap(json);
        return switch (ImageSourceKind.valueOf(kind)) {
            case REGISTRY -> new ImageSource.RegistryImage(v.get("registry"), v.get("repository"), v.get("tag"), v.get("digest"));
            case PLATFORM -> new ImageSource.PlatformImage(v.get("name"), v.get("artefact"));
            case SNAPSHOT -> new ImageSource.SnapshotImage(v.get("tenant"), UUID.fromString(v.get("workloadId")),
                    v.get("snapshotName"), v.get("artefact"));
        };
    }
}
