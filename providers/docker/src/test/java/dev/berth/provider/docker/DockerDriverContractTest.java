package dev.berth.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.WorkloadSpec;
import dev.berth.provider.tck.ProviderContractSuite;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider contract, run against the local Docker engine. */
@RequiresLocalDocker
class DockerDriverContractTest extends ProviderContractSuite {

    private static DockerClient docker;

    @BeforeAll
    static void openClient() {
        docker = LocalDockerEngine.client();
    }

    @AfterAll
    static void closeClient() throws IOException {
        if (docker != null) {
            docker.close();
        }
    }

    @Override
    protected ProviderDriver driver() {
        return LocalDockerEngine.driver(Map.of());
    }

    @Override
    protected ProviderDriver unreachableDriver() {
        return new DockerDriverFactory().open(new HostConnection(DockerDriverFactory.TYPE,
                "unix:///tmp/berth-tck-" + UUID.randomUUID() + ".sock", Map.of()));
    }

    @Override
    protected ImageSource runnableImage() {
        return ImageSource.RegistryImage.parse(LocalDockerEngine.IMAGE);
    }

    @Override
    protected List<String> longRunningCommand() {
        return List.of("sleep", "3600");
    }

    @Override
    protected ImageSource missingImage() {
        return ImageSource.RegistryImage.parse("berth-tck/no-such-image:missing");
    }

    @Override
    protected void deleteOutOfBand(UUID workloadId) {
        docker.removeContainerCmd(WorkloadSpec.providerName(workloadId)).withForce(true).exec();
    }

    @Override
    protected Optional<List<String>> exitingCommand(int code) {
        return Optional.of(List.of("sh", "-c", "sleep 1; exit " + code));
    }

    @Override
    protected boolean supportsMarkers() {
        return true;
    }

    @Override
    protected void writeMarker(UUID workloadId, String value) {
        LocalDockerEngine.writeMarker(docker, WorkloadSpec.providerName(workloadId), value);
    }

    @Override
    protected Optional<String> readMarker(UUID workloadId) {
        return LocalDockerEngine.readMarker(docker, WorkloadSpec.providerName(workloadId));
    }

    @Override
    protected Optional<ForeignObject> createForeignObject() {
        String id = docker.createContainerCmd(LocalDockerEngine.IMAGE)
                .withName("tck-foreign-" + UUID.randomUUID())
                .withCmd("sleep", "3600")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .exec()
                .getId();
        return Optional.of(new ForeignObject() {
            @Override
            public String handle() {
                return id;
            }

            @Override
            public void close() {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // fine
                }
            }
        });
    }
}
