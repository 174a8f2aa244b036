package dev.berth.provider.libvirt.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * The image as readers that are not ours see it: libblkid (what cloud-init runs to find
 * the volume labelled {@code cidata}), libarchive's {@code bsdtar} and genisoimage's
 * {@code isoinfo}. A machine without the tools fails with how to install them, unless it
 * declares {@code BERTH_ISO_TOOLS_AVAILABLE=false} (then the class is reported skipped).
 */
@DisabledIfEnvironmentVariable(named = IsoToolsReadTheImageTest.SKIP_VARIABLE, matches = "(?i)false",
        disabledReason = IsoToolsReadTheImageTest.SKIP_VARIABLE + "=false: no blkid/bsdtar/isoinfo on this machine")
class IsoToolsReadTheImageTest {

    static final String SKIP_VARIABLE = "BERTH_ISO_TOOLS_AVAILABLE";

    private static final byte[] USER_DATA = ("#cloud-config\nruncmd:\n  - echo 'grüße' > /tmp/berth\n"
            + "x".repeat(3000) + "\n").getBytes(StandardCharsets.UTF_8);

    private Path image;

    @BeforeEach
    void writeImage() throws IOException {
        image = Files.createTempFile("berth-seed-", ".iso");
        Files.write(image, Iso9660WriterTest.seed(USER_DATA));
    }

    @AfterEach
    void removeImage() throws IOException {
        Files.deleteIfExists(image);
    }

    @Test
    void blkidFindsAnIso9660VolumeLabelledCidata() {
        String export = run("blkid", "-p", "-o", "export", image.toString());

        assertThat(export.lines()).contains("TYPE=iso9660", "LABEL=cidata");
    }

    @Test
    void bsdtarListsTheExactNamesAndExtractsTheContent() {
        assertThat(run("bsdtar", "-tf", image.toString()).lines().filter(name -> !name.equals(".")))
                .containsExactlyInAnyOrder("user-data", "meta-data");
        assertThat(runBytes("bsdtar", "-xOf", image.toString(), "user-data")).isEqualTo(USER_DATA);
        assertThat(run("bsdtar", "-xOf", image.toString(), "meta-data")).isEqualTo("instance-id: i-1\n");
    }

    @Test
    void isoinfoSeesJolietLevel3AndExtractsTheContent() {
        assertThat(run("isoinfo", "-d", "-i", image.toString()))
                .contains("Volume id: cidata", "Joliet with UCS level 3 found", "Logical block size is: 2048");
        assertThat(run("isoinfo", "-J", "-f", "-i", image.toString()).lines())
                .containsExactlyInAnyOrder("/meta-data", "/user-data");
        assertThat(runBytes("isoinfo", "-J", "-x", "/user-data", "-i", image.toString())).isEqualTo(USER_DATA);
        assertThat(run("isoinfo", "-f", "-i", image.toString()).lines())
                .as("the primary tree, for readers without Joliet").containsExactlyInAnyOrder("/META_DAT.;1", "/USER_DAT.;1");
    }

    private static String run(String... command) {
        return new String(runBytes(command), StandardCharsets.UTF_8);
    }

    private static byte[] runBytes(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        Process process;
        try {
            process = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return fail(command[0] + " is not installed: apt-get install -y genisoimage libarchive-tools util-linux,"
                    + " or set " + SKIP_VARIABLE + "=false to skip this class", e);
        }
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail(String.join(" ", line) + " failed (exit " + process.exitValue() + ")");
            }
            return out;
        } catch (IOException | InterruptedException e) {
            return fail(String.join(" ", line) + " failed", e);
        }
    }
}
