package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The first-boot script a VM gets: its environment in a file, its command started with it. */
class UserDataTest {

    @Test
    void environmentIsWrittenQuotedAndCommandStartedWithIt() {
        String script = UserData.script(spec(Map.of("GREETING", "it's $HOME", "MODE", "prod"),
                List.of("/usr/bin/server", "--port", "8080")));

        assertThat(script).startsWith("#!/bin/sh\n")
                .contains("GREETING='it'\\''s $HOME'\n")
                .contains("MODE='prod'\n")
                .contains(". /etc/berth/workload.env")
                .contains("nohup '/usr/bin/server' '--port' '8080' >/var/log/berth-workload.log 2>&1 &\n");
    }

    @Test
    void withoutCommandTheImageKeepsItsOwnServices() {
        assertThat(UserData.script(spec(Map.of(), List.of()))).doesNotContain("nohup");
    }

    @Test
    void encodedIsBase64OfTheScript() {
        WorkloadSpec spec = spec(Map.of("A", "1"), List.of());

        assertThat(new String(Base64.getDecoder().decode(UserData.encoded(spec)), StandardCharsets.UTF_8))
                .isEqualTo(UserData.script(spec));
    }

    @Test
    void invalidEnvironmentOrTooMuchOfItIsPermanent() {
        assertThatThrownBy(() -> UserData.script(spec(Map.of("NOT-A-NAME", "x"), List.of())))
                .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("NOT-A-NAME");
        assertThatThrownBy(() -> UserData.script(spec(Map.of("A", "two\nlines"), List.of())))
                .isInstanceOf(ProviderException.Permanent.class);
        assertThatThrownBy(() -> UserData.encoded(spec(Map.of("BIG", "x".repeat(17_000)), List.of())))
                .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("16384");
    }

    private static WorkloadSpec spec(Map<String, String> env, List<String> command) {
        return new WorkloadSpec(UUID.randomUUID(), "acme", "web", WorkloadKind.VM, new ImageSource.PlatformImage("debian-12", "debian-12"), command, env,
                new Resources(1000, 1024, 0), Map.of(), null);
    }
}
