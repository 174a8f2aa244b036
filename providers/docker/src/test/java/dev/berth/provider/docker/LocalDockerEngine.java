package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real engine the Docker tests run against, and the gate in front of them (applied
 * through {@link RequiresLocalDocker}): an engine that cannot be reached, or lacks the test
 * image, fails the test class with how to fix it.
 */
final class LocalDockerEngine implements BeforeAllCallback {

    static final String ENDPOINT = "unix:///var/run/docker.sock";
    static final String IMAGE = "berth-demo/busybox:1";
    static final String SKIP_VARIABLE = "BERTH_DOCKER_AVAILABLE";

    @Override
    public void beforeAll(ExtensionContext context) {
        try (DockerClient docker = client()) {
            docker.pingCmd().exec();
            requireImage(docker);
        } catch (NotFoundException e) {
            fail("image " + IMAGE + " is missing on " + ENDPOINT + "; build it with deploy/local (docker import "
                    + "of a busybox-static rootfs), see /work/shared/ENVIRONMENT.md");
        } catch (Exception e) {
            fail("Docker engine not reachable at " + ENDPOINT + " (" + DockerErrors.reason(e) + "). Start dockerd "
                    + "(see ENVIRONMENT.md) or set " + SKIP_VARIABLE + "=false to skip the Docker tests.", e);
        }
    }

    /** A driver on the local engine, with default options unless given. */
    static ProviderDriver driver(Map<String, String> options) {
        return new DockerDriverFactory().open(new HostConnection(DockerDriverFactory.TYPE, ENDPOINT, options));
    }

    /** A raw docker-java client, for looking at and changing the engine behind the driver's back. */
    static DockerClient client() {
        return DockerDriverFactory.client(URI.create(ENDPOINT), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    private static void requireImage(DockerClient docker) {
        docker.inspectImageCmd(IMAGE).exec();
    }
}
