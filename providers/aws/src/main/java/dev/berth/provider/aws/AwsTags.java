package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The tags Berth puts on every AWS object it creates (instances, their volumes, AMIs, ECS
 * task definitions and tasks), and reads back to know whose object it is. AWS's own
 * {@code prefix:name} style; the SPI's {@code berth.tenant}/{@code berth.workload} labels map
 * to {@code berth:tenant}/{@code berth:workload}, tenant labels to {@code user.<key>}.
 */
final class AwsTags {

    static final String TENANT = "berth:tenant";
    static final String WORKLOAD = "berth:workload";
    static final String SNAPSHOT = "berth:snapshot";
    static final String INSTALLATION = "berth:installation";
    static final String NAME = "Name";

    /** AWS allows 50 tags per resource, keys up to 128 and values up to 256 characters. */
    private static final int MAX_TAGS = 50;
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;

    private AwsTags() {
    }

    /** The tags of a workload's objects; Permanent if they do not fit AWS's limits. */
    static Map<String, String> of(WorkloadSpec spec) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TENANT, spec.tenant());
        tags.put(WORKLOAD, spec.workloadId().toString());
        tags.put(NAME, spec.name());
        if (spec.installation() != null) {
            tags.put(INSTALLATION, spec.installation());
        }
        spec.labels().forEach((key, value) -> tags.put(WorkloadSpec.USER_LABEL_PREFIX + key, value));
        if (tags.size() > MAX_TAGS) {
            throw new ProviderException.Permanent("AWS allows " + MAX_TAGS + " tags per resource; this workload "
                    + "needs " + tags.size() + " (3 or 4 for Berth, one per label)", null);
        }
        tags.forEach((key, value) -> {
            if (key.length() > MAX_KEY || value.length() > MAX_VALUE || key.startsWith("aws:")) {
                throw new ProviderException.Permanent("tag '" + key + "' does not fit AWS's rules (key ≤ " + MAX_KEY
                        + " characters, value ≤ " + MAX_VALUE + ", no aws: prefix)", null);
            }
        });
        return tags;
    }

    /** The workload id a tagged object belongs to; empty if it has no valid {@value #WORKLOAD} tag. */
    static Optional<UUID> workloadId(Map<String, String> tags) {
        String value = tags.get(WORKLOAD);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
