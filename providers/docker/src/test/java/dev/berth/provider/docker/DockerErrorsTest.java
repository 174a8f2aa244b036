package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.provider.spi.ProviderException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {

    private final DockerErrors errors = new DockerErrors("unix:///var/run/docker.sock");

    @Test
    void missingContainerIsNotFound() {
        var e = errors.classify("start x", new NotFoundException("Status 404: {\"message\":\"No such container: x\"}"));

        assertThat(e).isInstanceOf(ProviderException.NotFound.class)
                .hasMessage("docker unix:///var/run/docker.sock: start x: No such container: x (HTTP 404)");
    }

    @Test
    void rejectedRequestIsPermanent() {
        assertThat(errors.classify("create x", new BadRequestException("Status 400: {\"message\":\"bad\"}")))
                .isInstanceOf(ProviderException.Permanent.class);
    }

    @Test
    void engineErrorIsTransient() {
        assertThat(errors.classify("create x", new InternalServerErrorException("Status 500: boom")))
                .isInstanceOf(ProviderException.Transient.class);
    }

    @Test
    void conflictIsTransient() {
        assertThat(errors.classify("delete x", new ConflictException("Status 409: in progress")))
                .isInstanceOf(ProviderException.Transient.class);
    }

    @Test
    void refusedConnectionIsTransient() {
        var e = new RuntimeException(new ConnectException("Connection refused"));

        assertThat(errors.classify("list", e)).isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("Connection refused");
    }

    @Test
    void timeoutIsTransient() {
        var e = new UncheckedIOException(new SocketTimeoutException("Read timed out"));

        assertThat(errors.classify("list", e)).isInstanceOf(ProviderException.Transient.class);
    }

    @Test
    void clientSideMisconfigurationIsPermanent() {
        assertThat(errors.classify("list", new DockerClientException("bad config")))
                .isInstanceOf(ProviderException.Permanent.class);
    }

    @Test
    void unknownFailureIsPermanent() {
        assertThat(errors.classify("list", new IllegalStateException("surprise")))
                .isInstanceOf(ProviderException.Permanent.class);
    }
}
