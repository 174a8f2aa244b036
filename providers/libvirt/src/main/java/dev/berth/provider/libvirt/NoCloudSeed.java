package dev.berth.provider.libvirt;

import dev.berth.provider.libvirt.iso.Iso9660Writer;
import dev.berth.provider.spi.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A VM's cloud-init seed in the NoCloud format: an ISO 9660 volume labelled {@code cidata}
 * holding {@code user-data} (the tenant's, byte for byte) and {@code meta-data} (YAML:
 * {@code instance-id} = the workload UUID, {@code local-hostname} = the workload name, and
 * the SSH keys as {@code public-keys}).
 *
 * <p>SSH keys go into meta-data, not into the user data: cloud-init's ssh module installs
 * the datasource's {@code public-keys} for the default user together with any
 * {@code ssh_authorized_keys} of the user data. That works whatever the user data is
 * (cloud-config, a shell script, a MIME multipart, a template) and never rewrites the
 * tenant's document. A guest whose user data sets {@code allow_public_ssh_keys: false}
 * turns the keys off — its owner's choice.
 *
 * <p>The bytes are a pure function of the spec (fixed timestamp), so re-provisioning writes
 * the same seed again.
 */
final class NoCloudSeed {

    static final String LABEL = "cidata";
    static final String USER_DATA = "user-data";
    static final String META_DATA = "meta-data";
    /** Written when only SSH keys were given: NoCloud needs a user-data file; this one asks for nothing. */
    static final String EMPTY_USER_DATA = "#cloud-config\n{}\n";

    private static final Instant RECORDED_AT = Instant.EPOCH;
    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final byte[] userData;
    private final String metaData;

    private NoCloudSeed(byte[] userData, String metaData) {
        this.userData = userData;
        this.metaData = metaData;
    }

    /** The seed for {@code spec}; empty when it has neither user data nor SSH keys (no seed is attached then). */
    static Optional<NoCloudSeed> of(WorkloadSpec spec) {
        if (!spec.hasGuestInit()) {
            return Optional.empty();
        }
        String userData = spec.userData() == null || spec.userData().isEmpty() ? EMPTY_USER_DATA : spec.userData();
        return Optional.of(new NoCloudSeed(userData.getBytes(StandardCharsets.UTF_8),
                metaData(spec.workloadId(), hostname(spec), spec.sshKeys())));
    }

    /** The seed volume's name in the pool; ".iso" tells humans (and some tools) what it holds. */
    static String volumeName(UUID workloadId) {
        return "berth-seed-" + workloadId + ".iso";
    }

    byte[] userData() {
        return userData.clone();
    }

    String metaData() {
        return metaData;
    }

    /** The ISO image to attach to the VM as a read-only disk. */
    byte[] image() {
        return Iso9660Writer.write(LABEL, List.of(
                new Iso9660Writer.File(USER_DATA, userData),
                new Iso9660Writer.File(META_DATA, metaData.getBytes(StandardCharsets.UTF_8))), RECORDED_AT);
    }

    static String metaData(UUID instanceId, String hostname, List<String> sshKeys) {
        StringBuilder yaml = new StringBuilder();
        // Quoted too: YAML 1.1 (cloud-init's PyYAML) reads a bare host name "no", "null" or "012" as false, null, 10.
        yaml.append("instance-id: ").append(quoted(instanceId.toString())).append('\n');
        yaml.append("local-hostname: ").append(quoted(hostname)).append('\n');
        if (!sshKeys.isEmpty()) {
            yaml.append("public-keys:\n");
            sshKeys.forEach(key -> yaml.append("  - ").append(quoted(key)).append('\n'));
        }
        return yaml.toString();
    }

    /**
     * The workload name when it is a valid host name (the API only accepts such names),
     * otherwise a host name made from it; a name with nothing usable falls back to the
     * provider name {@code berth-<uuid>}.
     */
    static String hostname(WorkloadSpec spec) {
        String name = spec.name();
        if (HOSTNAME.matcher(name).matches()) {
            return name;
        }
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        cleaned = cleaned.substring(0, Math.min(63, cleaned.length())).replaceAll("^-+|-+$", "");
        return HOSTNAME.matcher(cleaned).matches() ? cleaned : spec.providerName();
    }

    /**
     * A YAML double-quoted scalar: the one YAML form in which every character can be
     * written safely ({@code \} and {@code "} escaped, control characters as {@code \\uXXXX}),
     * and which is always a string: a key comment with {@code #}, {@code :} or quotes stays
     * one string, a host name {@code no} stays "no".
     */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
