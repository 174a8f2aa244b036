package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    /** Path of the marker file the snapshot tests write inside containers. */
    static final String MARKER = "/marker";

    /** Writes {@code value} to {@link #MARKER} inside the running container ({@code docker exec}). */
    static void writeMarker(DockerClient docker, String container, String value) {
        Exec result = exec(docker, container, "sh", "-c", "printf %s \"$0\" > " + MARKER, value);
        if (result.exitCode() != 0) {
            throw new AssertionError("writing " + MARKER + " in " + container + " failed: " + result);
        }
    }

    /** The content of {@link #MARKER} inside the running container; empty if there is none. */
    static Optional<String> readMarker(DockerClient docker, String container) {
        Exec result = exec(docker, container, "sh", "-c", "test -f " + MARKER + " || exit 3; cat " + MARKER);
        return switch ((int) result.exitCode()) {
            case 0 -> Optional.of(result.stdout());
            case 3 -> Optional.empty();
            default -> throw new AssertionError("reading " + MARKER + " in " + container + " failed: " + result);
        };
    }

    record Exec(long exitCode, String stdout, String stderr) {
    }

    /** {@code docker exec} with docker-java: waits for the command, returns its exit code and output. */
    static Exec exec(DockerClient docker, String container, String... command) {
        String execId = docker.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true)
                .exec().getId();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        try (ResultCallback.Adapter<Frame> output = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).append(text);
            }
        })) {
            if (!output.awaitCompletion(30, TimeUnit.SECONDS)) {
                throw new AssertionError("exec " + String.join(" ", command) + " in " + container + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        return new Exec(exitCode == null ? -1 : exitCode, stdout.toString(), stderr.toString());
    }

    private static void requireImage(DockerClient docker) {
        docker.inspectImageCmd(IMAGE).exec();
    }
}
