package dev.berth.broker.images;

import java.util.UUID;

import dev.berth.broker.problems.InvalidRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a tenant may write as {@code image}, and what becomes of it before anything is looked up. */
class ImageReferenceTest {

    private static final String ID = "0b4c7e0e-6f0e-4d5e-9d7a-1f2e3d4c5b6a";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "berth-demo/busybox:1, berth-demo/busybox:1",
            "debian-12-base, debian-12-base:latest",
            "public.ecr.aws/docker/library/busybox:1.36, public.ecr.aws/docker/library/busybox:1.36",
            "localhost:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
                    + "localhost:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    })
    void namesAreRegistryStyle(String text, String reference) {
        ImageReference parsed = ImageReference.parse(text);

        assertThat(parsed).isInstanceOfSatisfying(ImageReference.Named.class, named -> {
            assertThat(named.text()).isEqualTo(text);
            assertThat(named.registry().reference()).isEqualTo(reference);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"snapshot:" + ID + "/nightly, nightly", "snapshot:" + ID + "/v1.2_x-y, v1.2_x-y"})
    void snapshotsAreTyped(String text, String name) {
        assertThat(ImageReference.parse(text)).isEqualTo(new ImageReference.OwnSnapshot(UUID.fromString(ID), name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // image ids and id prefixes: the engine would resolve them to whatever image has that id
            "sha256:ab12 | image id",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | image id",
            "ab12cd | image id",
            "0123456789ab | image id",
            // Berth's own namespaces: snapshot images, workload disks, seeds, backups
            "berth-snapshots/" + ID + ":nightly | Berth's own",
            "berth-" + ID + " | Berth's own",
            "berth-seed-" + ID + ".iso | Berth's own",
            "berth-backup-" + ID + "-nightly | Berth's own",
            "docker.io/berth-snapshots/" + ID + ":x | Berth's own",
            // malformed snapshot references
            "snapshot:" + ID + " | snapshot:<workloadId>/<snapshotName>",
            "snapshot:not-a-uuid/x | snapshot:<workloadId>/<snapshotName>",
            "snapshot:" + ID + "/../x | snapshot:<workloadId>/<snapshotName>",
            "snapshot:" + ID + "/a:b | snapshot:<workloadId>/<snapshotName>",
            // not a reference at all
            "Busybox | registry reference",
            "../etc/passwd | registry reference",
            "a//b | registry reference",
    })
    void everythingElseIsRefusedNamingTheImageField(String text, String reason) {
        assertThatThrownBy(() -> ImageReference.parse(text)).isInstanceOfSatisfying(InvalidRequest.class, e -> {
            assertThat(e.getMessage()).contains("image").contains(reason);
        });
    }
}
