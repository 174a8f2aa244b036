package dev.berth.cli.auth;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDirectoryTest {

    @Test
    void overrideThenXdgThenHome() {
        assertThat(ConfigDirectory.resolve(Path.of("/c"), Map.of("XDG_CONFIG_HOME", "/x"), "/home/a")).isEqualTo(Path.of("/c"));
        assertThat(ConfigDirectory.resolve(null, Map.of("XDG_CONFIG_HOME", "/x"), "/home/a")).isEqualTo(Path.of("/x/berth"));
        assertThat(ConfigDirectory.resolve(null, Map.of(), "/home/a")).isEqualTo(Path.of("/home/a/.config/berth"));
    }

    @Test
    void aRelativeXdgConfigHomeIsIgnoredAsTheSpecSays() {
        assertThat(ConfigDirectory.resolve(null, Map.of("XDG_CONFIG_HOME", "rel"), "/home/a"))
                .isEqualTo(Path.of("/home/a/.config/berth"));
    }
}
