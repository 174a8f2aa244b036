package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.ProviderException;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opening drivers: discovery, option parsing and per-URI defaults, laziness. Needs no libvirt. */
class LibvirtDriverFactoryTest {

    @Test
    void isDiscoveredAsTheLibvirtDriverType() {
        assertThat(ServiceLoader.load(ProviderDriverFactory.class))
                .extracting(ProviderDriverFactory::driver)
                .contains("libvirt");
    }

    @Test
    void openingDoesNotContactTheHost() {
        // Would fail if open() connected: nothing listens on loopback port 1.
        new LibvirtDriverFactory().open(new HostConnection("libvirt", "qemu+tcp://127.0.0.1:1/system", Map.of())).close();
    }

    @Test
    void realHypervisorDefaultsToKvmAndTheDefaultPool() {
        LibvirtOptions options = options("qemu+ssh://kvm-01.example/system", Map.of());

        assertThat(options.domainType()).isEqualTo("kvm");
        assertThat(options.storagePool()).isEqualTo("default");
        assertThat(options.network()).isEmpty();
        assertThat(options.qemu()).isTrue();
        assertThat(options.testDriver()).as("a seed that cannot be uploaded fails the provision").isFalse();
    }

    @Test
    void testDriverDefaultsToItsOwnTypeAndPool() {
        LibvirtOptions options = options("test:///default", Map.of());

        assertThat(options.domainType()).isEqualTo("test");
        assertThat(options.storagePool()).isEqualTo("default-pool");
        assertThat(options.qemu()).isFalse();
        assertThat(options.testDriver()).as("no volume contents: the seed upload is skipped").isTrue();
    }

    @Test
    void optionsOverrideTheDefaults() {
        LibvirtOptions options = options("qemu:///system",
                Map.of("domainType", "qemu", "storagePool", "images", "network", "berth"));

        assertThat(options).isEqualTo(new LibvirtOptions(LibvirtUri.parse("qemu:///system"), "images", "qemu", Optional.of("berth")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a uri", "qemu", "/var/run/libvirt/libvirt-sock", "qemu:system"})
    void malformedUriIsRefused(String uri) {
        assertThatThrownBy(() -> options(uri, Map.of())).isInstanceOf(ProviderException.EndpointRefused.class);
    }

    @Test
    void unknownOptionIsPermanentAndNamed() {
        assertThatThrownBy(() -> options("qemu:///system", Map.of("storagepool", "x")))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("storagepool");
    }

    @Test
    void blankOptionIsPermanent() {
        assertThatThrownBy(() -> options("qemu:///system", Map.of("domainType", " ")))
                .isInstanceOf(ProviderException.Permanent.class);
    }

    private static LibvirtOptions options(String uri, Map<String, String> options) {
        // Made-up names resolve to loopback here: the test asks no DNS server.
        DestinationPolicy noDns = DestinationPolicy.defaults()
                .withResolver(host -> new java.net.InetAddress[] {java.net.InetAddress.getByName("127.0.0.2")});
        return LibvirtOptions.from(new HostConnection("libvirt", uri, options), noDns);
    }
}
