package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * Regression for issue 13, finding 2: {@code qemu+ssh://127.0.0.1/system?command=/path} made
 * the broker run that program. A script that writes a marker file stands in for the program.
 * The control shows the danger is real (libvirt itself runs the script when given the raw
 * URI), so the assertion that the driver never runs it cannot pass by accident.
 */
@RequiresLibvirt
class NoProgramRunsFromAUriTest {

    @TempDir
    Path dir;

    @Test
    void libvirtItselfRunsTheCommandParameter_control() throws IOException {
        Path marker = dir.resolve("ran");
        String uri = "qemu+ssh://127.0.0.1/system?no_tty=1&command=" + script(marker);

        assertThatThrownBy(() -> new Connect(uri)).isInstanceOf(LibvirtException.class);

        assertThat(marker).as("libvirt ran the script named by command=").exists();
    }

    @Test
    void theDriverNeverRunsCommandOrNetcat() throws IOException {
        Path marker = dir.resolve("ran");
        String script = script(marker);
        for (String uri : new String[] {
                "qemu+ssh://127.0.0.1/system?command=" + script,
                "qemu+ssh://127.0.0.1/system?netcat=" + script,
                "qemu+ssh://127.0.0.1/system?no_tty=1&command=" + script + "&netcat=" + script,
                "qemu+ext:///system?command=" + script}) {
            assertThatThrownBy(() -> {
                try (LibvirtDriver driver = new LibvirtDriverFactory().open(new HostConnection("libvirt", uri, Map.of()))) {
                    driver.probe();
                    driver.inventory();
                }
            }).isInstanceOf(ProviderException.EndpointRefused.class);
        }

        assertThat(marker).doesNotExist();
    }

    /** A stand-in for a program an attacker names: it only leaves a marker. */
    private Path scriptPath() {
        return dir.resolve("would-run.sh");
    }

    private String script(Path marker) throws IOException {
        Path script = scriptPath();
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > '" + marker + "'\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }
}
