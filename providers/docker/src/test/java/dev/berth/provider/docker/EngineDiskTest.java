package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineDiskTest {

    private static final DockerEndpoint LOCAL = DockerEndpoint.parse("unix:///var/run/docker.sock");

    @Test
    void aLocalEnginesDataRootIsMeasuredOnItsFilesystem(@TempDir Path dataRoot) throws IOException {
        EngineDisk disk = EngineDisk.of(LOCAL, dataRoot.toString());

        assertThat(disk.measured()).isTrue();
        assertThat(disk.capacityGiB()).isEqualTo(Files.getFileStore(dataRoot).getTotalSpace() / (1024L * 1024 * 1024));
        assertThat(disk.detail()).isEqualTo("filesystem of " + dataRoot);
    }

    @Test
    void aRemoteEngineIsNotMeasuredEvenIfThePathExistsHere(@TempDir Path dataRoot) {
        EngineDisk disk = EngineDisk.of(DockerEndpoint.parse("tcp://127.0.0.1:2375"), dataRoot.toString());

        assertThat(disk.measured()).isFalse();
        assertThat(disk.capacityGiB()).isZero();
        assertThat(disk.detail()).contains("remote").contains("tcp://127.0.0.1:2375");
    }

    @Test
    void aDataRootTheBrokerCannotSeeIsNotMeasured(@TempDir Path dir) {
        EngineDisk missing = EngineDisk.of(LOCAL, dir.resolve("absent").toString());
        EngineDisk relative = EngineDisk.of(LOCAL, "var/lib/docker");
        EngineDisk none = EngineDisk.of(LOCAL, null);

        assertThat(missing.measured()).isFalse();
        assertThat(missing.detail()).contains("not visible");
        assertThat(relative.measured()).isFalse();
        assertThat(none.measured()).isFalse();
        assertThat(none.detail()).contains("no data root");
    }
}
