package dev.berth.policies;

import java.util.Objects;

/**
 * Whose requests a policy governs: every tenant's ({@link #global()}) or one tenant's
 * ({@link #tenant(String)}).
 *
 * @param tenant the tenant slug for a tenant scope; {@code null} for the global scope
 */
public record PolicyScope(String tenant) {

    private static final PolicyScope GLOBAL = new PolicyScope(null);

    public PolicyScope {
        if (tenant != null && tenant.isBlank()) {
            throw new IllegalArgumentException("a tenant scope needs a tenant slug");
        }
    }

    public static PolicyScope global() {
        return GLOBAL;
    }

    public static PolicyScope tenant(String slug) {
        return new PolicyScope(Objects.requireNonNull(slug, "slug"));
    }

    public boolean isGlobal() {
        return tenant == null;
    }

    /** True when a request of {@code tenantSlug} falls under this scope. */
    public boolean covers(String tenantSlug) {
        return tenant == null || tenant.equals(tenantSlug);
    }

    @Override
    public String toString() {
        return tenant == null ? "global" : "tenant:" + tenant;
    }
}
