package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Docker-specific facts the provider-neutral contract cannot see, checked with {@code docker inspect}. */
@RequiresLocalDocker
class DockerDriverTest {

    private static final long MIB = 1024L * 1024L;

    private final List<String> containers = new ArrayList<>();
    private DockerClient docker;
    private ProviderDriver driver;

    @BeforeEach
    void open() {
        docker = LocalDockerEngine.client();
        driver = LocalDockerEngine.driver(Map.of());
    }

    @AfterEach
    void removeContainers() throws IOException {
        for (String name : containers) {
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // deleted by the test
            }
        }
        driver.close();
        docker.close();
    }

    @Test
    void containerIsNamedBerthDashWorkloadId() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        String handle = driver.provision(spec).handle();

        assertThat(inspect(spec).getName()).isEqualTo("/berth-" + spec.workloadId());
        assertThat(inspect(spec).getId()).isEqualTo(handle);
    }

    @Test
    void limitsAreNanoCpusAndMemoryWithoutExtraSwap() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        driver.provision(spec);

        HostConfig host = inspect(spec).getHostConfig();
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getMemory()).isEqualTo(64 * MIB);
        assertThat(host.getMemorySwap()).isEqualTo(64 * MIB);
    }

    @Test
    void labelsCarryIdentityAndPrefixedTenantLabels() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        driver.provision(spec);

        assertThat(inspect(spec).getConfig().getLabels()).containsOnly(
                Map.entry("berth.tenant", "acme"),
                Map.entry("berth.workload", spec.workloadId().toString()),
                Map.entry("user.team", "payments"));
    }

    @Test
    void networkModeIsNoneByDefault() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        driver.provision(spec);

        assertThat(inspect(spec).getHostConfig().getNetworkMode()).isEqualTo("none");
    }

    @Test
    void networkModeOptionIsApplied() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        try (ProviderDriver hostNetwork = LocalDockerEngine.driver(Map.of("networkMode", "host"))) {
            hostNetwork.provision(spec);
        }

        assertThat(inspect(spec).getHostConfig().getNetworkMode()).isEqualTo("host");
    }

    @Test
    void envAndCommandArePassedThrough() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        driver.provision(spec);

        assertThat(inspect(spec).getConfig().getEnv()).contains("GREETING=hello");
        assertThat(inspect(spec).getConfig().getCmd()).containsExactly("sleep", "3600");
    }

    @Test
    void alwaysMapsToUnlessStopped() {
        WorkloadSpec spec = spec(RestartPolicy.ALWAYS);

        driver.provision(spec);

        assertThat(inspect(spec).getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
    }

    @Test
    void onFailureMapsToOnFailure() {
        WorkloadSpec spec = spec(RestartPolicy.ON_FAILURE);

        driver.provision(spec);

        assertThat(inspect(spec).getHostConfig().getRestartPolicy().getName()).isEqualTo("on-failure");
    }

    @Test
    void vmWorkloadIsRefusedPermanently() {
        WorkloadSpec vm = new WorkloadSpec(UUID.randomUUID(), "acme", null, WorkloadKind.VM, LocalDockerEngine.IMAGE,
                null, null, Resources.ZERO, null, null);

        assertThatThrownBy(() -> driver.provision(vm)).isInstanceOf(ProviderException.Permanent.class);
    }

    @Test
    void provisionRefusesAContainerBerthDidNotCreateUnderItsName() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);
        docker.createContainerCmd(LocalDockerEngine.IMAGE).withName(spec.providerName()).withCmd("sleep", "3600")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec();

        assertThatThrownBy(() -> driver.provision(spec))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("did not create");
    }

    @Test
    void unreachableEngineErrorNamesTheEndpoint() {
        String endpoint = "unix:///tmp/berth-missing-" + UUID.randomUUID() + ".sock";
        try (ProviderDriver unreachable = new DockerDriverFactory().open(
                new HostConnection("docker", endpoint, Map.of()))) {

            assertThatThrownBy(unreachable::list)
                    .isInstanceOf(ProviderException.Transient.class)
                    .hasMessageContaining(endpoint);
        }
    }

    @Test
    void inventoryMatchesDockerInfo() {
        var info = docker.infoCmd().exec();

        var inventory = driver.inventory();

        assertThat(inventory.capacity().milliCpu()).isEqualTo(info.getNCPU() * 1000L);
        assertThat(inventory.capacity().memoryMiB()).isEqualTo(info.getMemTotal() / MIB);
        assertThat(inventory.capacity().diskGiB()).isZero();
        assertThat(inventory.version()).isEqualTo(info.getServerVersion());
    }

    private WorkloadSpec spec(RestartPolicy restartPolicy) {
        UUID id = UUID.randomUUID();
        containers.add(WorkloadSpec.providerName(id));
        return new WorkloadSpec(id, "acme", "web", WorkloadKind.CONTAINER, LocalDockerEngine.IMAGE,
                List.of("sleep", "3600"), Map.of("GREETING", "hello"), new Resources(500, 64, 0),
                Map.of("team", "payments"), restartPolicy);
    }

    private InspectContainerResponse inspect(WorkloadSpec spec) {
        return docker.inspectContainerCmd(spec.providerName()).exec();
    }
}
