package dev.berth.provider.aws;

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

/** Option endpointOverride: typed, rendered from its parts, loopback-only unless the platform allows more. */
class EndpointOverrideTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://127.0.0.1:4566,  http://127.0.0.1:4566",
            "https://127.0.0.1/,     https://127.0.0.1",
            "http://[::1]:4566,      http://[::1]:4566",
    })
    void loopbackIsAllowedByDefault(String text, String rendered) {
        assertThat(EndpointOverride.parse(text, DestinationPolicy.defaults()).uri()).hasToString(rendered);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://169.254.169.254",
            "http://[fd00:ec2::254]",
            "http://10.0.0.5:4566",
            "https://192.0.2.10",
            "http://user:hunter2@127.0.0.1:4566",
            "http://user@127.0.0.1:4566",
            "http://127.0.0.1:4566/path",
            "http://127.0.0.1:4566?x=1",
            "http://127.0.0.1:4566#x",
            "ftp://127.0.0.1:21",
            "http://2130706433:4566",
            "not a url",
    })
    void otherDestinationsAndFormsAreRefusedByDefault(String text) {
        assertThatThrownBy(() -> new AwsDriverFactory().open(new HostConnection("aws", "aws://us-east-1",
                Map.of("endpointOverride", text))))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((ProviderException.EndpointRefused) e).field()).isEqualTo("endpointOverride");
    }

    @Test
    void aConfiguredAllowListOpensMore() {
        DestinationPolicy policy = new DestinationPolicy(
                new DestinationPolicy.Rules("berth.endpoints.hosts", List.of(), DestinationPolicy.DEFAULT_DENY),
                new DestinationPolicy.Rules("berth.endpoints.cloud-api", List.of("192.0.2.0/24"), DestinationPolicy.DEFAULT_DENY));

        assertThat(EndpointOverride.parse("https://192.0.2.10", policy).uri()).hasToString("https://192.0.2.10");
        assertThatThrownBy(() -> EndpointOverride.parse("http://127.0.0.1:4566", policy))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageContaining("berth.endpoints.cloud-api.allow");
    }
}
