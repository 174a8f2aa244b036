package dev.berth.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The destination rules as documented: deny wins, every resolved address counts, an empty
 * allow list allows what is not denied, unresolvable names never pass. Names resolve through a
 * made-up table, so nothing here asks DNS.
 */
class DestinationPolicyTest {

    /** Made-up names; none of them exists in DNS. */
    private static final Map<String, List<String>> DNS = Map.of(
            "kvm-01.berth.test", List.of("127.0.0.2"),
            "metadata.berth.test", List.of("169.254.169.254"),
            "split.berth.test", List.of("127.0.0.3", "169.254.169.254"),
            "v6-metadata.berth.test", List.of("fd00:ec2::254"),
            "lan.berth.test", List.of("10.1.2.3"),
            "metadata.google.internal", List.of("127.0.0.9"));

    private static final DestinationPolicy.Resolver FAKE = host -> {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[addresses.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(addresses.get(i)); // literals: no lookup
        }
        return out;
    };

    private final DestinationPolicy defaults = DestinationPolicy.defaults().withResolver(FAKE);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // reach,    host,                      verdict under the defaults
            "HOST,      127.0.0.1,                  allowed",
            "HOST,      ::1,                        allowed",
            "HOST,      10.1.2.3,                   allowed",
            "HOST,      kvm-01.berth.test,          allowed",
            "HOST,      169.254.169.254,            refused",
            "HOST,      169.254.0.1,                refused",
            "HOST,      fe80::1,                    refused",
            "HOST,      fd00:ec2::254,              refused",
            "HOST,      ::ffff:169.254.169.254,     refused",
            "HOST,      100.100.100.200,            refused",
            "HOST,      metadata.berth.test,        refused",
            "HOST,      split.berth.test,           refused",
            "HOST,      v6-metadata.berth.test,     refused",
            "HOST,      metadata.google.internal,   refused",
            "CLOUD_API, 127.0.0.1,                  allowed",
            "CLOUD_API, ::1,                        allowed",
            "CLOUD_API, kvm-01.berth.test,          allowed",
            "CLOUD_API, 10.1.2.3,                   refused",
            "CLOUD_API, lan.berth.test,             refused",
            "CLOUD_API, 169.254.169.254,            refused",
            "CLOUD_API, split.berth.test,           refused",
    })
    void defaultsAsDocumented(DestinationPolicy.Reach reach, String host, String verdict) {
        Destination destination = new Destination(host, 443);
        if (verdict.equals("allowed")) {
            assertThatCode(() -> defaults.check("endpoint", destination, reach)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> defaults.check("endpoint", destination, reach))
                    .isInstanceOf(ProviderException.EndpointRefused.class)
                    .extracting(e -> ((ProviderException.EndpointRefused) e).field()).isEqualTo("endpoint");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "127.0.0.1,             allowed",
            "10.20.30.40,           refused",   // denied block inside the allowed one
            "10.9.9.9,              allowed",
            "192.0.2.1,             refused",   // not on the allow list
            "kvm-01.berth.test,     allowed",   // allowed by name though 127.0.0.2 is not listed
            "lan.berth.test,        allowed",   // 10.1.2.3 is in 10.0.0.0/8
            "metadata.berth.test,   refused",
    })
    void configuredListsAllowAndDeny(String host, String verdict) {
        DestinationPolicy policy = new DestinationPolicy(
                new DestinationPolicy.Rules("berth.endpoints.hosts", List.of("10.0.0.0/8", "127.0.0.1", "*.berth.test"),
                        List.of("10.20.0.0/16", "169.254.0.0/16")),
                new DestinationPolicy.Rules("berth.endpoints.cloud-api", List.of(), List.of()), FAKE);
        Destination destination = new Destination(host, 2375);
        if (verdict.equals("allowed")) {
            assertThatCode(() -> policy.check("endpoint", destination, DestinationPolicy.Reach.HOST)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> policy.check("endpoint", destination, DestinationPolicy.Reach.HOST))
                    .isInstanceOf(ProviderException.EndpointRefused.class);
        }
    }

    @Test
    void aDeniedNameIsRefusedWhateverItResolvesTo() {
        assertThatThrownBy(() -> defaults.check("endpoint", new Destination("metadata.google.internal", 80),
                DestinationPolicy.Reach.HOST))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageContaining("metadata.google.internal").hasMessageContaining("refuses");
    }

    @Test
    void refusalNamesTheAddressAndTheRule() {
        assertThatThrownBy(() -> defaults.check("endpoint", new Destination("split.berth.test", 22),
                DestinationPolicy.Reach.HOST))
                .hasMessageContaining("169.254.169.254").hasMessageContaining("169.254.0.0/16");
    }

    @Test
    void anUnresolvableNameNeverPasses() {
        assertThatThrownBy(() -> defaults.check("endpoint", new Destination("nowhere.berth.test", 22),
                DestinationPolicy.Reach.HOST))
                .isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("does not resolve");
    }

    @ParameterizedTest
    @CsvSource({"not a cidr", "10.0.0.0/33", "fe80::/129", "-bad.example", "10.0.0.0/x"})
    void aMalformedEntryStopsConstruction(String entry) {
        assertThatThrownBy(() -> new DestinationPolicy(
                new DestinationPolicy.Rules("berth.endpoints.hosts", List.of(), List.of(entry)),
                new DestinationPolicy.Rules("berth.endpoints.cloud-api", List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressBlocksMatchByPrefix() {
        AddressBlock block = AddressBlock.parse("169.254.0.0/16");
        assertThat(block.contains(address("169.254.255.255"))).isTrue();
        assertThat(block.contains(address("169.255.0.0"))).isFalse();
        assertThat(block.contains(address("::1"))).as("families never mix").isFalse();
        assertThat(AddressBlock.parse("fe80::/10").contains(address("febf::1"))).isTrue();
        assertThat(AddressBlock.parse("fe80::/10").contains(address("fec0::1"))).isFalse();
        assertThat(AddressBlock.parse("0.0.0.0/0").contains(address("203.0.113.9"))).isTrue();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
