package dev.berth.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosts are read in one unambiguous spelling, or refused before anything resolves or connects. */
class DestinationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "127.0.0.1,          127.0.0.1,          true",
            "[::1],              ::1,                true",
            "[FD00:EC2::254],    fd00:ec2::254,      true",
            "KVM-01.Example.com, kvm-01.example.com, false",
            "localhost,          localhost,          false",
    })
    void acceptedSpellings(String uriHost, String host, boolean literal) {
        Destination d = Destination.of("endpoint", uriHost, 22);
        assertThat(d.host()).isEqualTo(host);
        assertThat(d.literal()).isEqualTo(literal);
    }

    /** What inet_aton or ssh would read differently from a name check. */
    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "0x7f.1", "0x7f000001", "127.000.000.001", "017.0.0.1",
            "-oProxyCommand=x", "a..b", "[fe80::1%eth0]", "host_name.example", "example.com."})
    void ambiguousHostsAreRefused(String uriHost) {
        assertThatThrownBy(() -> Destination.of("endpoint", uriHost, 22))
                .isInstanceOf(ProviderException.EndpointRefused.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536})
    void portsOutsideTheRangeAreRefused(int port) {
        assertThatThrownBy(() -> Destination.of("endpoint", "127.0.0.1", port))
                .isInstanceOf(ProviderException.EndpointRefused.class);
    }
}
