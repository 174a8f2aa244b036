package dev.berth.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which names lie in Berth's own namespaces on a host. */
class BerthNamesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "berth-snapshots/0b4c7e0e-6f0e-4d5e-9d7a-1f2e3d4c5b6a:nightly, true",
            "berth-snapshots, true",
            "docker.io/berth-snapshots/x:y, true",
            "berth-0b4c7e0e-6f0e-4d5e-9d7a-1f2e3d4c5b6a, true",
            "BERTH-0B4C7E0E-6F0E-4D5E-9D7A-1F2E3D4C5B6A, true",
            "berth-seed-0b4c7e0e-6f0e-4d5e-9d7a-1f2e3d4c5b6a.iso, true",
            "berth-backup-0b4c7e0e-6f0e-4d5e-9d7a-1f2e3d4c5b6a-nightly, true",
            "berth-demo/busybox:1, false",
            "debian-12-base, false",
            "library/berth-demo, false",
            "my-berth-snapshots, false",
    })
    void tellsBerthsOwnNames(String name, boolean internal) {
        assertThat(BerthNames.isInternal(name)).isEqualTo(internal);
    }
}
