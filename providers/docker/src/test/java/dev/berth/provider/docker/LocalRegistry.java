package dev.berth.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * The loopback registry deploy/local/lib.sh starts (Debian's docker-registry on
 * {@code BERTH_REGISTRY_ADDR}, default 127.0.0.1:5000). Tests push the local busybox image into
 * it under a repository of their own, remove the engine's tag, and let the driver pull it back.
 */
final class LocalRegistry {

    static final String ADDRESS = System.getenv().getOrDefault("BERTH_REGISTRY_ADDR", "127.0.0.1:5000");

    private LocalRegistry() {
    }

    /**
     * Pushes a new image as {@code ADDRESS/test/<unique>:1}: the busybox image plus a layer of its
     * own (a file with a random name), which is then removed from the engine — so a pull must
     * download that layer, and the engine reports it layer by layer.
     */
    static String pushUnique(DockerClient docker) throws InterruptedException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String repository = ADDRESS + "/test/pull-" + unique;
        String container = docker.createContainerCmd(LocalDockerEngine.IMAGE)
                .withCmd("sh", "-c", "head -c 65536 /dev/urandom > /layer-" + unique)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        try {
            docker.startContainerCmd(container).exec();
            docker.waitContainerCmd(container).start().awaitStatusCode();
            String image = docker.commitCmd(container).withRepository(repository).withTag("1").exec();
            docker.pushImageCmd(repository).withTag("1").exec(new ResultCallback.Adapter<PushResponseItem>()).awaitCompletion();
            docker.removeImageCmd(image).withForce(true).exec();
        } finally {
            docker.removeContainerCmd(container).withForce(true).exec();
        }
        return repository + ":1";
    }

    /** Removes a tag from the engine (the layers stay: other tags share them). */
    static void untag(DockerClient docker, String reference) {
        try {
            docker.removeImageCmd(reference).withForce(false).exec();
        } catch (NotFoundException alreadyGone) {
            // not tagged
        }
    }

    /** The digest the registry serves for {@code repository:tag} (its {@code Docker-Content-Digest}). */
    static String digest(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + ADDRESS + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.discarding());
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow(() ->
                new IllegalStateException("registry " + ADDRESS + " has no " + repository + ":" + tag
                        + " (HTTP " + response.statusCode() + ")"));
    }

    /** A loopback port nothing listens on (bound and released): a registry there is unreachable. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
