package dev.berth.broker.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Envelope encryption for secrets Berth must keep (VM user data; registry credentials next):
 * each value gets its own random AES-256 data key, the value is sealed with AES-GCM under
 * that key, and the data key is wrapped (AES-GCM again) by the master key of
 * {@link SecretsConfig}. The stored envelope is one string,
 * {@code v1.<key id>.<wrapped data key>.<sealed value>} (base64url), so rotating the master
 * key means re-wrapping 60 bytes per value, and a row says which key it needs.
 *
 * <p>The value is authenticated together with a {@code context} naming the record and field
 * it belongs to (e.g. {@code workload/<id>/userData}): an envelope copied into another
 * tenant's row does not open there. A wrong key, an unknown key id or any altered byte is a
 * {@link SecretUnreadable}, never garbage. The broker refuses to start without a master key
 * ({@link Startup}: the key is checked when the broker starts, not at the first VM).
 */
@Startup
@ApplicationScoped
public class Envelopes {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    @Inject
    Envelopes(SecretsConfig config) {
        this(KeyRing.from(config));
    }

    Envelopes(KeyRing keys) {
        this.keys = keys;
    }

    /** Envelopes under a single master key, e.g. for a tool or a test. */
    public static Envelopes withKey(String keyId, String base64Key) {
        return new Envelopes(new KeyRing(keyId, java.util.Map.of(keyId, KeyRing.key("master key", base64Key))));
    }

    /** Seals UTF-8 text; null stays null (nothing to protect). */
    public String seal(String plaintext, String context) {
        return plaintext == null ? null : seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    public String seal(byte[] plaintext, String context) {
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        try {
            byte[] wrapped = encrypt(keys.current(), dataKey, wrapAad(keys.currentId()));
            byte[] sealed = encrypt(new SecretKeySpec(dataKey, "AES"), plaintext, valueAad(context));
            return VERSION + "." + keys.currentId() + "." + B64.encodeToString(wrapped) + "." + B64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The text {@link #seal(String, String)} sealed for this {@code context}; null stays null. */
    public String openText(String envelope, String context) {
        return envelope == null ? null : new String(open(envelope, context), StandardCharsets.UTF_8);
    }

    public byte[] open(String envelope, String context) {
        String[] parts = envelope.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new SecretUnreadable("not a sealed secret of format " + VERSION + " (" + context + ")", null);
        }
        String keyId = parts[1];
        SecretKey master = keys.find(keyId).orElseThrow(() -> new SecretUnreadable("secret " + context
                + " was sealed with master key '" + keyId + "', which is not configured (berth.secrets.key-id / "
                + "berth.secrets.previous-keys)", null));
        byte[] dataKey;
        try {
            dataKey = decrypt(master, B64D.decode(parts[2]), wrapAad(keyId));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new SecretUnreadable("secret " + context + " cannot be opened with the configured master key '" + keyId
                    + "': the key is not the one that sealed it, or the stored envelope was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        try {
            return decrypt(new SecretKeySpec(dataKey, "AES"), B64D.decode(parts[3]), valueAad(context));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new SecretUnreadable("secret " + context + " does not belong to this record, or its stored value was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The key id an envelope was sealed with (for rotation reports). */
    public static String keyIdOf(String envelope) {
        String[] parts = envelope.split("\\.", -1);
        return parts.length == 4 ? parts[1] : "";
    }

    private byte[] encrypt(SecretKey key, byte[] plaintext, byte[] aad) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad);
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    }

    private static byte[] decrypt(SecretKey key, byte[] ivAndSealed, byte[] aad) throws GeneralSecurityException {
        if (ivAndSealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new AEADBadTagException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndSealed, 0, IV_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
    }

    private static byte[] wrapAad(String keyId) {
        return ("berth/" + VERSION + "/data-key/" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] valueAad(String context) {
        return ("berth/" + VERSION + "/value/" + context).getBytes(StandardCharsets.UTF_8);
    }
}
