package dev.berth.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.berth.provider.spi.ImageSource.RegistryImage;
import dev.berth.provider.spi.Progress;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProvisionObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pulls a registry image onto the engine ({@code POST /images/create}), reporting layer and
 * byte progress as the engine streams it, and classifies a failure into
 * {@link ProviderException.PullFailure}. A digest-pinned reference is pulled by digest (the
 * engine accepts a digest where the tag goes). Always with an explicit, empty
 * {@code X-Registry-Auth}: the broker's own Docker client configuration (a
 * {@code ~/.docker/config.json} login) never lends its credentials to a tenant's pull.
 *
 * <p>Concurrent pulls of one reference are safe: the engine dedupes them (the second waits on
 * the first's download), so a retry after a crash resumes rather than downloads twice.
 */
final class ImagePulls {

    private final DockerClient docker;
    private final String endpoint;
    private final Duration timeout;

    ImagePulls(DockerClient docker, String endpoint, Duration timeout) {
        this.docker = docker;
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** Pulls {@code image}, telling {@code observer} how far it has come; ImagePullFailed on failure. */
    void pull(RegistryImage image, ProvisionObserver observer) {
        PullProgress progress = new PullProgress(observer);
        observer.progress(Progress.phase(Progress.PULLING));
        String repository = image.name();
        String tagOrDigest = image.digest() != null ? image.digest() : image.tag() == null ? "latest" : image.tag();
        ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PullResponseItem item) {
                progress.accept(item);
            }
        };
        boolean finished;
        try {
            docker.pullImageCmd(repository).withTag(tagOrDigest).withAuthConfig(new AuthConfig()).exec(callback);
            finished = callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(callback);
            throw failed(ProviderException.PullFailure.TIMEOUT, image, "interrupted while pulling", e);
        } catch (RuntimeException e) {
            throw classify(image, DockerErrors.reason(e), e);
        }
        if (!finished) {
            closeQuietly(callback);
            throw failed(ProviderException.PullFailure.TIMEOUT, image, "did not finish within " + timeout.toSeconds()
                    + " s (option " + DockerOptions.PULL_TIMEOUT + ")", null);
        }
        Optional<String> error = progress.error();
        if (error.isPresent()) {
            throw classify(image, error.get(), null);
        }
    }

    /**
     * The registry digest the engine recorded for {@code image}'s repository ({@code RepoDigests}),
     * or the pinned digest; empty for an image the engine knows no registry digest of.
     */
    static Optional<String> digestOf(RegistryImage image, InspectImageResponse inspected) {
        if (image.digest() != null) {
            return Optional.of(image.digest());
        }
        List<String> repoDigests = inspected.getRepoDigests() == null ? List.of() : inspected.getRepoDigests();
        String prefix = image.name() + "@";
        return repoDigests.stream().filter(d -> d.startsWith(prefix)).map(d -> d.substring(prefix.length())).findFirst();
    }

    /** Reads the engine's words: it reports registry failures as text, in the HTTP error or the stream. */
    ProviderException.ImagePullFailed classify(RegistryImage image, String reason, Throwable cause) {
        return failed(PullFailureText.classify(reason), image, reason, cause);
    }

    private ProviderException.ImagePullFailed failed(ProviderException.PullFailure failure, RegistryImage image,
                                                    String reason, Throwable cause) {
        return new ProviderException.ImagePullFailed(failure, "image pull failed (" + PullFailureText.words(failure)
                + "): " + image.reference() + " on host " + endpoint + ": " + reason, cause);
    }

    private static void closeQuietly(ResultCallback.Adapter<PullResponseItem> callback) {
        try {
            callback.close(); // closes the stream: the engine stops the pull it serves only us
        } catch (Exception e) {
            // the pull is being reported as failed either way
        }
    }
}
