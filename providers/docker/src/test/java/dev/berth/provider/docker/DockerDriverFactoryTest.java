package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.ProviderException;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opening drivers: discovery, option parsing, laziness. Needs no engine. */
class DockerDriverFactoryTest {

    @Test
    void isDiscoveredAsTheDockerDriverType() {
        assertThat(ServiceLoader.load(ProviderDriverFactory.class))
                .extracting(ProviderDriverFactory::driver)
                .contains("docker");
    }

    @Test
    void openingDoesNotContactTheHost() {
        try (ProviderDriver driver = open("unix:///nonexistent/docker.sock", Map.of())) {
            assertThat(driver.probe().healthy()).isFalse();
        }
    }

    @Test
    void refusedTcpConnectionIsTransient() {
        try (ProviderDriver driver = open("tcp://127.0.0.1:1", Map.of())) {
            assertThat(driver.probe().healthy()).isFalse();
            assertThatThrownBy(driver::list).isInstanceOf(ProviderException.Transient.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:2375", "tcp://127.0.0.1", "unix://", "not a uri", "npipe:////./pipe/x"})
    void malformedEndpointIsRefused(String endpoint) {
        assertThatThrownBy(() -> open(endpoint, Map.of())).isInstanceOf(ProviderException.EndpointRefused.class);
    }

    @Test
    void unknownOptionIsPermanentAndNamed() {
        assertThatThrownBy(() -> open("tcp://127.0.0.1:2375", Map.of("netwrokMode", "host")))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("netwrokMode");
    }

    @Test
    void nonNumericTimeoutIsPermanent() {
        assertThatThrownBy(() -> open("tcp://127.0.0.1:2375", Map.of("responseTimeoutSeconds", "soon")))
                .isInstanceOf(ProviderException.Permanent.class);
    }

    @Test
    void defaultsAreNoNetworkAndShortTimeouts() {
        DockerOptions options = DockerOptions.from(new HostConnection("docker", "tcp://127.0.0.1:2375", Map.of()), DestinationPolicy.defaults());

        assertThat(options.networkMode()).isEqualTo("none");
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.maxGrace()).isEqualTo(Duration.ofSeconds(50));
    }

    private static ProviderDriver open(String endpoint, Map<String, String> options) {
        return new DockerDriverFactory().open(new HostConnection("docker", endpoint, options));
    }
}
