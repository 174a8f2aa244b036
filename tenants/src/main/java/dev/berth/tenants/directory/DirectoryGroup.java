package dev.berth.tenants.directory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A directory group as Berth reads it: a tenant is {@code /tenants/<slug>} with attribute {@code tenant=<slug>}. */
public record DirectoryGroup(String id, String name, String path, Map<String, List<String>> attributes) {

    /** Attribute mapped to the token's {@code tenant} claim (realm client scope {@code berth-api}). */
    public static final String TENANT_ATTRIBUTE = "tenant";
    public static final String DISPLAY_NAME_ATTRIBUTE = "displayName";

    public DirectoryGroup {
        attributes = Map.copyOf(attributes);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name)).filter(v -> !v.isEmpty()).map(v -> v.get(0));
    }

    /** True when this group is exactly tenant {@code slug}: right name and right claim value. */
    public boolean isTenant(String slug) {
        return name.equals(slug) && attribute(TENANT_ATTRIBUTE).filter(slug::equals).isPresent();
    }
}
