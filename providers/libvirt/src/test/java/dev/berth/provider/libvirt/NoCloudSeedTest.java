package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.libvirt.iso.Iso9660Writer;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What cloud-init gets: the seed's files, their YAML, the host name; no libvirt needed. */
class NoCloudSeedTest {

    private static final UUID ID = UUID.fromString("5d0b3a1e-0000-4000-8000-000000000007");
    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOr9wZbV2mG6aQ alice@laptop";
    /** A key whose comment would break unquoted YAML: '#', ': ', quotes, a backslash, a non-ASCII letter. */
    private static final String TRICKY = "ssh-rsa AAAAB3NzaC1yc2E= ops: \"on-call\" #1 \\ Zoë";

    @Test
    void noUserDataAndNoKeysMeansNoSeed() {
        assertThat(NoCloudSeed.of(spec("web", null, List.of()))).isEmpty();
        assertThat(NoCloudSeed.of(spec("web", "", List.of()))).as("empty user data counts as none").isEmpty();
    }

    @Test
    void userDataIsKeptByteForByte() {
        String userData = "#!/bin/sh\necho 'grüße' > /etc/motd\n";

        NoCloudSeed seed = NoCloudSeed.of(spec("web", userData, List.of())).orElseThrow();

        assertThat(seed.userData()).isEqualTo(userData.getBytes(StandardCharsets.UTF_8));
        assertThat(seed.metaData()).isEqualTo("instance-id: \"" + ID + "\"\nlocal-hostname: \"web\"\n");
    }

    @Test
    void keysGoToMetaDataPublicKeysAndParseBackExactly() {
        NoCloudSeed seed = NoCloudSeed.of(spec("web", "#cloud-config\npackages: [htop]\n", List.of(ED25519, TRICKY)))
                .orElseThrow();

        Map<String, Object> meta = yaml(seed.metaData());

        assertThat(meta).containsOnlyKeys("instance-id", "local-hostname", "public-keys");
        assertThat(meta.get("instance-id")).isEqualTo(ID.toString());
        assertThat(meta.get("local-hostname")).isEqualTo("web");
        assertThat(meta.get("public-keys")).isEqualTo(List.of(ED25519, TRICKY));
        assertThat(new String(seed.userData(), StandardCharsets.UTF_8)).as("user data untouched")
                .isEqualTo("#cloud-config\npackages: [htop]\n");
    }

    @Test
    void keysWithoutUserDataGetAnEmptyCloudConfig() {
        NoCloudSeed seed = NoCloudSeed.of(spec("web", null, List.of(ED25519))).orElseThrow();

        assertThat(new String(seed.userData(), StandardCharsets.UTF_8)).isEqualTo("#cloud-config\n{}\n");
        assertThat(yaml(new String(seed.userData(), StandardCharsets.UTF_8))).as("a valid, empty mapping").isEmpty();
    }

    /** Bare, YAML 1.1 would read these host names as false, null, 10 and 1000.0. */
    @ParameterizedTest
    @CsvSource({"no", "null", "012", "1e3", "on"})
    void hostNamesThatLookLikeOtherYamlTypesStayStrings(String name) {
        NoCloudSeed seed = NoCloudSeed.of(spec(name, "x", List.of())).orElseThrow();

        assertThat(yaml(seed.metaData())).containsEntry("local-hostname", name);
    }

    @Test
    void controlCharactersAreEscapedNotWrittenRaw() {
        String value = "a\tb\u0001c\u2028d";

        assertThat(NoCloudSeed.quoted(value)).doesNotContain("\t", "\u0001", "\u2028");
        assertThat(yaml("k: " + NoCloudSeed.quoted(value))).containsEntry("k", value);
    }

    @ParameterizedTest
    @CsvSource({"web, web", "Web_Server.1, web-server-1", "___, berth-" + "5d0b3a1e-0000-4000-8000-000000000007",
            "-edge-, edge"})
    void hostNameIsTheWorkloadNameOrAValidHostNameMadeFromIt(String name, String hostname) {
        assertThat(NoCloudSeed.hostname(spec(name, "x", List.of()))).isEqualTo(hostname);
    }

    @Test
    void aNameOf63CharactersIsKeptAndLongerOnesAreCut() {
        String name63 = "a".repeat(63);

        assertThat(NoCloudSeed.hostname(spec(name63, "x", List.of()))).isEqualTo(name63);
        assertThat(NoCloudSeed.hostname(spec("B".repeat(70), "x", List.of()))).isEqualTo("b".repeat(63));
    }

    @Test
    void theImageIsACidataVolumeWithBothFiles() {
        NoCloudSeed seed = NoCloudSeed.of(spec("web", "#cloud-config\n", List.of(ED25519))).orElseThrow();

        byte[] image = seed.image();

        assertThat(new String(image, 16 * Iso9660Writer.SECTOR + 40, 6, StandardCharsets.US_ASCII)).isEqualTo("cidata");
        assertThat(image).as("same spec, same bytes: a re-provision rewrites an identical seed")
                .isEqualTo(NoCloudSeed.of(spec("web", "#cloud-config\n", List.of(ED25519))).orElseThrow().image());
        assertThat(NoCloudSeed.volumeName(ID)).isEqualTo("berth-seed-" + ID + ".iso");
    }

    @Test
    void userDataIsNotPrintedWithTheSpec() {
        assertThat(spec("web", "#cloud-config\npassword: hunter2\n", List.of()).toString())
                .doesNotContain("hunter2").contains("userData=32 chars");
    }

    private static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    private static WorkloadSpec spec(String name, String userData, List<String> sshKeys) {
        return new WorkloadSpec(ID, "acme", name, WorkloadKind.VM, new ImageSource.PlatformImage("debian-12", "debian-12.qcow2"), null, null,
                new Resources(1000, 512, 10), Map.of(), RestartPolicy.NEVER, userData, sshKeys);
    }
}
