package dev.berth.provider.libvirt;

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

/**
 * libvirt URIs in and out of their typed form: what is accepted is rendered back exactly, and
 * every parameter that makes libvirt run a program, open a file or a socket, or skip a check
 * is refused before anything loads libvirt. Needs no libvirt.
 */
class LibvirtUriTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "test:///default,                          test:///default",
            "qemu:///system,                           qemu:///system",
            "QEMU:///system,                           qemu:///system",
            "qemu+ssh://kvm-01.example/system,         qemu+ssh://kvm-01.example/system",
            "qemu+ssh://127.0.0.1:2222/system?no_tty=1, qemu+ssh://127.0.0.1:2222/system?no_tty=1",
            "qemu+tls://kvm-01.example/system,         qemu+tls://kvm-01.example/system",
            "qemu+tcp://127.0.0.1:16509/system,        qemu+tcp://127.0.0.1:16509/system",
            "qemu+ssh://[::1]/system,                  qemu+ssh://[::1]/system",
    })
    void acceptedUrisAreRenderedFromTheirParts(String text, String rendered) {
        assertThat(LibvirtUri.parse(text)).hasToString(rendered);
    }

    /** Each parameter libvirt reads from a URI that runs, opens or weakens something. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "qemu+ssh://127.0.0.1/system?command=/tmp/x.sh",
            "qemu+ssh://127.0.0.1/system?netcat=/tmp/x.sh",
            "qemu+ssh://127.0.0.1/system?proxy=netcat",
            "qemu:///system?socket=/tmp/other.sock",
            "qemu+ssh://127.0.0.1/system?keyfile=/root/.ssh/id_rsa",
            "qemu+tls://127.0.0.1/system?pkipath=/tmp/pki",
            "qemu+ssh://127.0.0.1/system?known_hosts=/tmp/kh",
            "qemu+ssh://127.0.0.1/system?known_hosts_verify=ignore",
            "qemu+ssh://127.0.0.1/system?sshauth=privkey",
            "qemu+tls://127.0.0.1/system?no_verify=1",
            "qemu+tls://127.0.0.1/system?tls_priority=NORMAL",
            "qemu+ssh://127.0.0.1/system?name=qemu:///session",
            "qemu+ssh://127.0.0.1/system?mode=direct",
            "qemu:///system?authfile=/tmp/auth.conf",
            "qemu+ssh://127.0.0.1/system?no_tty=1&command=/tmp/x.sh",
            "qemu+ssh://127.0.0.1/system?no_tty=1;command=/tmp/x.sh",
            "qemu+ssh://127.0.0.1/system?%63ommand=/tmp/x.sh",
            "qemu+ssh://127.0.0.1/system?COMMAND=/tmp/x.sh",
            "qemu+ssh://127.0.0.1/system?no_tty=0",
            "qemu+tls://127.0.0.1/system?no_tty=1",
            "qemu+ssh://127.0.0.1/system?",
    })
    void dangerousParametersAreRefused(String text) {
        assertThatThrownBy(() -> LibvirtUri.parse(text))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageNotContaining("/tmp/x.sh");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "qemu+ssh://root@127.0.0.1/system",
            "qemu+ssh://root:hunter2@127.0.0.1/system",
            "qemu+tls://user:hunter2@kvm-01.example/system",
            "qemu+ext:///system?command=/tmp/x.sh",
            "qemu+unix:///system",
            "qemu+libssh2://127.0.0.1/system",
            "qemu+libssh://127.0.0.1/system",
            "xen:///system",
            "lxc:///",
            "vbox:///session",
            "qemu:///session",
            "qemu:///embed?root=/tmp/x",
            "test:///etc/passwd",
            "test:///default#x",
            "qemu://kvm-01.example/system",
            "qemu+ssh:///system",
            "qemu+ssh://-oProxyCommand=x/system",
            "qemu+ssh://127.1/system",
            "not a uri",
            "qemu:system",
    })
    void otherUnsafeOrUnknownFormsAreRefused(String text) {
        assertThatThrownBy(() -> LibvirtUri.parse(text))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((ProviderException.EndpointRefused) e).field()).isEqualTo("endpoint");
    }

    @Test
    void theRefusalNamesTheParameterAndWhy() {
        assertThatThrownBy(() -> LibvirtUri.parse("qemu+ssh://127.0.0.1/system?command=/tmp/x.sh"))
                .hasMessageContaining("'command'").hasMessageContaining("run the program");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "qemu+ssh://169.254.169.254/system",
            "qemu+tls://[fe80::1]/system",
            "qemu+tcp://[fd00:ec2::254]:16509/system",
    })
    void remoteDestinationsPassTheDestinationPolicy(String text) {
        assertThatThrownBy(() -> new LibvirtDriverFactory().open(new HostConnection("libvirt", text, Map.of())))
                .isInstanceOf(ProviderException.EndpointRefused.class);
    }

    @Test
    void aConfiguredDenyListReachesTheFactory() {
        DestinationPolicy policy = new DestinationPolicy(
                new DestinationPolicy.Rules("berth.endpoints.hosts", List.of(), List.of("127.0.0.0/8")),
                new DestinationPolicy.Rules("berth.endpoints.cloud-api", List.of(), List.of()));
        assertThatThrownBy(() -> new LibvirtDriverFactory().open(
                new HostConnection("libvirt", "qemu+tcp://127.0.0.1:1/system", Map.of()), policy))
                .isInstanceOf(ProviderException.EndpointRefused.class)
                .hasMessageContaining("berth.endpoints.hosts.deny");
        // A local URI reaches no network: the policy has nothing to check.
        new LibvirtDriverFactory().open(new HostConnection("libvirt", "test:///default", Map.of()), policy).close();
    }
}
