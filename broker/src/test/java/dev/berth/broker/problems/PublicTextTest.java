package dev.berth.broker.problems;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What of a driver's or library's message a tenant may see. */
class PublicTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NPE from a driver        | Cannot invoke \"String.length()\" because \"region\" is null | FALLBACK",
            "exception class          | java.lang.IllegalStateException: boom                        | FALLBACK",
            "short exception name     | SdkClientException: Unable to load credentials             | FALLBACK",
            "model class              | Cannot construct instance of `dev.berth.api.model.Workload`   | FALLBACK",
            "stack frame              | boom\tat dev.berth.broker.Foo.bar(Foo.java:12)              | FALLBACK",
            "empty                    | ''                                                            | FALLBACK",
            "docker endpoint          | Cannot connect to the Docker daemon at tcp://10.1.2.3:2376. | Cannot connect to the Docker daemon at <host endpoint>.",
            "unix socket              | dial unix:///var/run/docker.sock: connection refused        | dial <host endpoint>: connection refused",
            "libvirt uri              | unable to connect to qemu+ssh://root@kvm7/system            | unable to connect to <host endpoint>",
            "bare address             | connect to 192.168.10.4:16509 timed out                     | connect to <host endpoint> timed out",
            "ipv6                     | no route to [fd00::12]:2375                                 | no route to <host endpoint>",
            "ordinary driver message  | image berth-demo/busybox:9 not found on the host           | image berth-demo/busybox:9 not found on the host",
            "ordinary AWS message     | InsufficientInstanceCapacity: no t3.micro in us-east-1a     | InsufficientInstanceCapacity: no t3.micro in us-east-1a",
    })
    void showsOnlyWhatATenantMaySee(String what, String raw, String shown) {
        assertThat(PublicText.of(raw, "FALLBACK")).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "request.resources.memoryMiB <= 64 | false",
            "labels.team size must be between 0 and 253 | false",
            "java.math.BigDecimal | true",
            "com.fasterxml.jackson.databind.JsonMappingException | true",
    })
    void celPathsAreNotMistakenForClasses(String text, boolean internal) {
        assertThat(PublicText.revealsInternals(text)).isEqualTo(internal);
    }
}
