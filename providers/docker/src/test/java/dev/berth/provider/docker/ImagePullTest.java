package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ImageSource.RegistryImage;
import dev.berth.provider.spi.Progress;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderException.PullFailure;
import dev.berth.provider.spi.ProvisionObserver;
import dev.berth.provider.spi.PullPolicy;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Image pulls against the real loopback registry (issue 15): progress, digest, pull policies,
 * classified failures, and that nothing is left on the engine after a failed pull.
 */
@RequiresLocalDocker
class ImagePullTest {

    private final List<String> containers = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private DockerClient docker;
    private DockerDriver driver;

    /** What the driver reported, in order. */
    private static final class Recorded implements ProvisionObserver {
        final List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
        volatile String digest;

        @Override
        public void progress(Progress p) {
            progress.add(p);
        }

        @Override
        public void imageDigest(String d) {
            digest = d;
        }
    }

    @BeforeEach
    void open() {
        docker = LocalDockerEngine.client();
        driver = (DockerDriver) LocalDockerEngine.driver(Map.of());
    }

    @AfterEach
    void close() throws IOException {
        for (String name : containers) {
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // deleted by the test
            }
        }
        tags.forEach(tag -> LocalRegistry.untag(docker, tag));
        driver.close();
        docker.close();
    }

    @Test
    void missingImageIsPulledWithProgressAndItsRegistryDigestReported() throws Exception {
        String reference = LocalRegistry.pushUnique(docker);
        tags.add(reference);
        RegistryImage image = RegistryImage.parse(reference);
        Recorded observer = new Recorded();

        ActualState state = driver.provision(spec(reference, PullPolicy.IF_NOT_PRESENT), observer);

        assertThat(state.status()).isEqualTo(ActualState.Status.RUNNING);
        assertThat(observer.progress).first().extracting(Progress::phase).isEqualTo(Progress.PULLING);
        Progress lastPull = observer.progress.stream().filter(p -> p.phase().equals(Progress.PULLING))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastPull.stepUnit()).isEqualTo("layer");
        assertThat(lastPull.stepsTotal()).isPositive();
        assertThat(lastPull.stepsDone()).isEqualTo(lastPull.stepsTotal());
        assertThat(observer.progress).anySatisfy(p -> assertThat(p.bytesTotal()).isPositive());
        assertThat(observer.progress).last().extracting(Progress::phase).isEqualTo(Progress.STARTING);
        assertThat(observer.digest).isEqualTo(LocalRegistry.digest(image.repository(), "1"));
    }

    @Test
    void digestPinnedReferenceIsPulledByDigest() throws Exception {
        String tagged = LocalRegistry.pushUnique(docker);
        RegistryImage image = RegistryImage.parse(tagged);
        String digest = LocalRegistry.digest(image.repository(), "1");
        String pinned = image.name() + "@" + digest;
        tags.add(pinned);
        Recorded observer = new Recorded();

        ActualState state = driver.provision(spec(pinned, PullPolicy.IF_NOT_PRESENT), observer);

        assertThat(state.status()).isEqualTo(ActualState.Status.RUNNING);
        assertThat(observer.progress).extracting(Progress::phase).contains(Progress.PULLING);
        assertThat(observer.digest).isEqualTo(digest);
        assertThat(docker.inspectImageCmd(pinned).exec().getRepoDigests()).contains(pinned);
    }

    /** IfNotPresent with the image on the host never contacts the registry: here there is none to contact. */
    @Test
    void presentImageUnderIfNotPresentNeedsNoRegistryButAlwaysDoes() throws Exception {
        String repository = "127.0.0.1:" + LocalRegistry.closedPort() + "/demo/busybox";
        docker.tagImageCmd(LocalDockerEngine.IMAGE, repository, "1").exec();
        tags.add(repository + ":1");

        Recorded observer = new Recorded();
        assertThat(driver.provision(spec(repository + ":1", PullPolicy.IF_NOT_PRESENT), observer).status())
                .isEqualTo(ActualState.Status.RUNNING);
        assertThat(observer.progress).extracting(Progress::phase).doesNotContain(Progress.PULLING);

        WorkloadSpec always = spec(repository + ":1", PullPolicy.ALWAYS);
        assertThatThrownBy(() -> driver.provision(always))
                .isInstanceOfSatisfying(ProviderException.ImagePullFailed.class, e ->
                        assertThat(e.failure()).isEqualTo(PullFailure.REGISTRY_UNREACHABLE))
                .hasMessageContaining("image pull failed (registry unreachable)");
        assertThat(driver.describe(always.workloadId())).isEmpty();
    }

    @Test
    void unknownRepositoryIsNotFoundAndLeavesNothing() {
        WorkloadSpec spec = spec(LocalRegistry.ADDRESS + "/test/never-pushed-" + UUID.randomUUID().toString().substring(0, 8)
                + ":1", PullPolicy.IF_NOT_PRESENT);

        assertThatThrownBy(() -> driver.provision(spec))
                .isInstanceOfSatisfying(ProviderException.ImagePullFailed.class, e ->
                        assertThat(e.failure()).isEqualTo(PullFailure.NOT_FOUND))
                .hasMessageContaining("image pull failed (not found)");
        assertThat(driver.describe(spec.workloadId())).isEmpty();
    }

    @Test
    void neverDoesNotPullAMissingImage() throws Exception {
        String reference = LocalRegistry.pushUnique(docker);
        WorkloadSpec spec = spec(reference, PullPolicy.NEVER);

        assertThatThrownBy(() -> driver.provision(spec))
                .isInstanceOf(ProviderException.Permanent.class)
                .isNotInstanceOf(ProviderException.ImagePullFailed.class)
                .hasMessageContaining("is not present on host").hasMessageContaining("pull policy NEVER");
        assertThatThrownBy(() -> docker.inspectImageCmd(reference).exec()).isInstanceOf(NotFoundException.class);
    }

    /** A retried provision (a broker crashed mid-pull, another worker took over) pulls once more at most, creates once. */
    @Test
    void concurrentProvisionsOfOnePullingWorkloadMakeOneContainer() throws Exception {
        String reference = LocalRegistry.pushUnique(docker);
        tags.add(reference);
        WorkloadSpec spec = spec(reference, PullPolicy.IF_NOT_PRESENT);

        CompletableFuture<ActualState> first = CompletableFuture.supplyAsync(() -> driver.provision(spec, new Recorded()));
        CompletableFuture<ActualState> second = CompletableFuture.supplyAsync(() -> driver.provision(spec, new Recorded()));

        assertThat(first.get().handle()).isEqualTo(second.get().handle());
        assertThat(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(WorkloadSpec.LABEL_WORKLOAD, spec.workloadId().toString())).exec()).hasSize(1);
    }

    private WorkloadSpec spec(String reference, PullPolicy policy) {
        UUID id = UUID.randomUUID();
        containers.add(WorkloadSpec.providerName(id));
        return new WorkloadSpec(id, "acme", "pulled", WorkloadKind.CONTAINER, RegistryImage.parse(reference),
                List.of("sleep", "3600"), Map.of(), new Resources(100, 32, 0), Map.of(), RestartPolicy.NEVER)
                .withPullPolicy(policy);
    }
}
