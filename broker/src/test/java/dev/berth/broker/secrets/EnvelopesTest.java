package dev.berth.broker.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Envelope encryption: round trip, no clear text, and every way to open it wrongly fails loudly. */
class EnvelopesTest {

    static final String KEY_A = Base64.getEncoder().encodeToString("A".repeat(32).getBytes(StandardCharsets.US_ASCII));
    static final String KEY_B = Base64.getEncoder().encodeToString("B".repeat(32).getBytes(StandardCharsets.US_ASCII));
    static final String SECRET = "#cloud-config\npassword: hunter2-grüße\n";
    static final String CONTEXT = "workload/1/userData";

    private final Envelopes a = Envelopes.withKey("k1", KEY_A);

    @Test
    void sealsAndOpensExactlyWithoutClearText() {
        String envelope = a.seal(SECRET, CONTEXT);

        assertThat(a.openText(envelope, CONTEXT)).isEqualTo(SECRET);
        assertThat(envelope).startsWith("v1.k1.").doesNotContain("hunter2").doesNotContain("cloud-config")
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)).substring(0, 12));
        assertThat(a.seal(SECRET, CONTEXT)).as("a fresh data key and nonce each time").isNotEqualTo(envelope);
        assertThat(a.seal((String) null, CONTEXT)).isNull();
    }

    @Test
    void theWrongMasterKeyFailsClearlyInsteadOfReturningGarbage() {
        String envelope = a.seal(SECRET, CONTEXT);

        assertThatThrownBy(() -> Envelopes.withKey("k1", KEY_B).openText(envelope, CONTEXT))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("cannot be opened with the configured master key 'k1'");
    }

    @Test
    void anUnknownKeyIdNamesTheMissingKey() {
        String envelope = a.seal(SECRET, CONTEXT);

        assertThatThrownBy(() -> Envelopes.withKey("k2", KEY_A).openText(envelope, CONTEXT))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("master key 'k1', which is not configured");
    }

    @Test
    void anEnvelopeDoesNotOpenInAnotherRecordNorWhenAltered() {
        String envelope = a.seal(SECRET, CONTEXT);

        assertThatThrownBy(() -> a.openText(envelope, "workload/2/userData"))
                .isInstanceOf(SecretUnreadable.class).hasMessageContaining("does not belong to this record");
        String[] parts = envelope.split("\\.");
        char flipped = parts[3].charAt(20) == 'A' ? 'B' : 'A';
        String altered = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3].substring(0, 20) + flipped
                + parts[3].substring(21);
        assertThatThrownBy(() -> a.openText(altered, CONTEXT)).isInstanceOf(SecretUnreadable.class);
        assertThatThrownBy(() -> a.openText("hunter2", CONTEXT)).isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("not a sealed secret");
    }

    @Test
    void rotationKeepsOldEnvelopesReadable() {
        String old = a.seal(SECRET, CONTEXT);
        Envelopes rotated = new Envelopes(KeyRing.from(config(Optional.of(KEY_B), Optional.empty(), "k2", Map.of("k1", KEY_A))));

        assertThat(rotated.openText(old, CONTEXT)).isEqualTo(SECRET);
        String fresh = rotated.seal(SECRET, CONTEXT);
        assertThat(Envelopes.keyIdOf(fresh)).isEqualTo("k2");
        assertThatThrownBy(() -> a.openText(fresh, CONTEXT)).isInstanceOf(SecretUnreadable.class);
    }

    @Test
    void withoutAWellFormedMasterKeyTheBrokerDoesNotStart(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> KeyRing.from(config(Optional.empty(), Optional.empty(), "k1", Map.of())))
                .hasMessageContaining("BERTH_SECRETS_MASTER_KEY");
        assertThatThrownBy(() -> KeyRing.from(config(Optional.of("c2hvcnQ="), Optional.empty(), "k1", Map.of())))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> KeyRing.from(config(Optional.of("not base64!"), Optional.empty(), "k1", Map.of())))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> KeyRing.from(config(Optional.of(KEY_A), Optional.empty(), "k.1", Map.of())))
                .hasMessageContaining("key-id");

        Path file = Files.writeString(dir.resolve("master.key"), KEY_A + "\n");
        Envelopes fromFile = new Envelopes(KeyRing.from(config(Optional.empty(), Optional.of(file), "k1", Map.of())));
        assertThat(fromFile.openText(a.seal(SECRET, CONTEXT), CONTEXT)).isEqualTo(SECRET);
    }

    private static SecretsConfig config(Optional<String> key, Optional<Path> file, String id, Map<String, String> previous) {
        return new SecretsConfig() {
            @Override
            public Optional<String> masterKey() {
                return key;
            }

            @Override
            public Optional<Path> masterKeyFile() {
                return file;
            }

            @Override
            public String keyId() {
                return id;
            }

            @Override
            public Map<String, String> previousKeys() {
                return previous;
            }
        };
    }
}
