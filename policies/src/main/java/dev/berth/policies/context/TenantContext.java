package dev.berth.policies.context;

import java.util.Map;
import java.util.Objects;

/**
 * The requesting tenant (CEL variable {@code tenant}).
 *
 * @param slug   tenant id, as in tenant-scoped policies
 * @param labels tenant labels, e.g. {@code tier=large}, {@code residency=eu}, {@code budget=...}
 */
public record TenantContext(String slug, Map<String, String> labels) {

    public TenantContext {
        Objects.requireNonNull(slug, "slug");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
