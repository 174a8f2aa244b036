package dev.berth.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.ImageSource.RegistryImage;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The OCI reference grammar, case by case: what parses into which parts, what is refused and why. */
class RegistryImageParseTest {

    private static final String D = "sha256:" + "0123456789abcdef".repeat(4);

    static Stream<Arguments> valid() {
        return Stream.of(
                // text, registry, repository, tag, digest, reference()
                Arguments.of("busybox", null, "busybox", null, null, "busybox:latest"),
                Arguments.of("busybox:1.36", null, "busybox", "1.36", null, "busybox:1.36"),
                Arguments.of("berth-demo/busybox:1", null, "berth-demo/busybox", "1", null, "berth-demo/busybox:1"),
                Arguments.of("library/busybox", null, "library/busybox", null, null, "library/busybox:latest"),
                Arguments.of("public.ecr.aws/docker/library/busybox:1.36", "public.ecr.aws", "docker/library/busybox",
                        "1.36", null, "public.ecr.aws/docker/library/busybox:1.36"),
                Arguments.of("localhost:5000/team/app:v2", "localhost:5000", "team/app", "v2", null,
                        "localhost:5000/team/app:v2"),
                Arguments.of("localhost/app", "localhost", "app", null, null, "localhost/app:latest"),
                Arguments.of("registry.example:443/a/b/c", "registry.example:443", "a/b/c", null, null,
                        "registry.example:443/a/b/c:latest"),
                Arguments.of("app@" + D, null, "app", null, D, "app@" + D),
                Arguments.of("ghcr.io/o/app:1.0@" + D, "ghcr.io", "o/app", "1.0", D, "ghcr.io/o/app:1.0@" + D),
                Arguments.of("a__b/c-d/e.f_g:Tag_9.-x", null, "a__b/c-d/e.f_g", "Tag_9.-x", null, "a__b/c-d/e.f_g:Tag_9.-x"),
                Arguments.of("abcdefg", null, "abcdefg", null, null, "abcdefg:latest"),
                Arguments.of("ab12cd/app", null, "ab12cd/app", null, null, "ab12cd/app:latest"),
                Arguments.of("debian-12-base", null, "debian-12-base", null, null, "debian-12-base:latest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesIntoItsParts(String text, String registry, String repository, String tag, String digest, String reference) {
        RegistryImage image = RegistryImage.parse(text);

        assertThat(image.registry()).isEqualTo(registry);
        assertThat(image.repository()).isEqualTo(repository);
        assertThat(image.tag()).isEqualTo(tag);
        assertThat(image.digest()).isEqualTo(digest);
        assertThat(image.reference()).isEqualTo(reference);
        assertThat(RegistryImage.parse(image.reference())).as("reference() parses back to the same image")
                .satisfies(again -> assertThat(Objects.equals(again.digest(), digest)).isTrue())
                .satisfies(again -> assertThat(again.repository()).isEqualTo(repository));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // text, part of the reason
                Arguments.of("", "empty"),
                Arguments.of("ab12cd", "image id"),
                Arguments.of("0123456789abcdef", "image id"),
                Arguments.of("0123456789abcdef".repeat(4), "image id"),
                Arguments.of("sha256:ab12", "image id"),
                Arguments.of("sha256:" + "0123456789abcdef".repeat(4), "image id"),
                Arguments.of("sha512:ab", "image id"),
                Arguments.of("Busybox", "lower-case"),
                Arguments.of("busy box", "lower-case"),
                Arguments.of("busybox:", "tag"),
                Arguments.of("busybox:-x", "tag"),
                Arguments.of("busybox:" + "t".repeat(129), "tag"),
                Arguments.of("busybox@sha256:ab12", "digest"),
                Arguments.of("busybox@md5:" + "0".repeat(32), "digest"),
                Arguments.of("/busybox", "component"),
                Arguments.of("a//b", "component"),
                Arguments.of("a/b/", "component"),
                Arguments.of("-a/b", "component"),
                Arguments.of("a/_b", "component"),
                Arguments.of("a..b", "component"),
                Arguments.of("../etc/passwd", "registry"),
                Arguments.of("bad_host.example:port/app", "registry"),
                Arguments.of("host.example:99999999/app", "registry"),
                Arguments.of("snapshot:" + "0".repeat(8) + "/x", "registry"),
                Arguments.of("a".repeat(256), "characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithAReason(String text, String reason) {
        assertThatThrownBy(() -> RegistryImage.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
