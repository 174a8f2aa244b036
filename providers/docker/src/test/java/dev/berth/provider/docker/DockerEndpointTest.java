package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Docker endpoints in and out of their typed form, and the destination policy at the factory. Needs no engine. */
class DockerEndpointTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unix:///var/run/docker.sock,  unix:///var/run/docker.sock",
            "UNIX:///run/user/1000/d.sock, unix:///run/user/1000/d.sock",
            "tcp://127.0.0.1:2375,         tcp://127.0.0.1:2375",
            "tcp://127.0.0.1:2375/,        tcp://127.0.0.1:2375",
            "tcp://[::1]:2375,             tcp://[::1]:2375",
            "tcp://Docker-01.Example:2375, tcp://docker-01.example:2375",
    })
    void acceptedEndpointsAreRenderedFromTheirParts(String text, String rendered) {
        assertThat(DockerEndpoint.parse(text).uri()).hasToString(rendered);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "tcp://admin:hunter2@127.0.0.1:2375",
            "tcp://admin@127.0.0.1:2375",
            "unix://admin:hunter2@/var/run/docker.sock",
            "tcp://127.0.0.1:2375?proxy=x",
            "tcp://127.0.0.1:2375#x",
            "tcp://127.0.0.1:2375/v1.41",
            "unix:///var/run/docker.sock?x=1",
            "unix:///var/run/../run/docker.sock",
            "unix://var/run/docker.sock",
            "unix:///var/run/%64ocker.sock",
            "npipe:////./pipe/docker_engine",
            "ssh://root@docker-01.example",
            "http://127.0.0.1:2375",
            "https://127.0.0.1:2376",
            "tcp://127.0.0.1",
            "tcp://127.1:2375",
            "tcp://-x:2375",
            "not a uri",
            "unix:",
    })
    void unsafeOrUnknownEndpointsAreRefused(String text) {
        assertThatThrownBy(() -> DockerEndpoint.parse(text))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((ProviderException.EndpointRefused) e).field()).isEqualTo("endpoint");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp://169.254.169.254:2375", "tcp://[fe80::1]:2375", "tcp://[fd00:ec2::254]:80",
            "tcp://[::ffff:169.254.169.254]:2375"})
    void linkLocalAndMetadataAddressesAreRefusedByDefault(String text) {
        assertThatThrownBy(() -> new DockerDriverFactory().open(new HostConnection("docker", text, Map.of())))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageContaining("refuses");
    }

    @Test
    void theFactoryAppliesTheGivenPolicy() {
        DestinationPolicy onlyLan = new DestinationPolicy(
                new DestinationPolicy.Rules("berth.endpoints.hosts", List.of("10.0.0.0/8"), List.of()),
                new DestinationPolicy.Rules("berth.endpoints.cloud-api", List.of(), List.of()));

        assertThatThrownBy(() -> new DockerDriverFactory().open(
                new HostConnection("docker", "tcp://127.0.0.1:2375", Map.of()), onlyLan))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageContaining("not on berth.endpoints.hosts.allow");
        // A unix socket reaches no network.
        new DockerDriverFactory().open(new HostConnection("docker", "unix:///var/run/docker.sock", Map.of()), onlyLan).close();
    }
}
