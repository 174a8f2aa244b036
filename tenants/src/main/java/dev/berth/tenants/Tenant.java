package dev.berth.tenants;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A tenant Berth manages (one row of {@code tenant}).
 *
 * @param groupId          the Keycloak group once known
 * @param groupCreated     the saga created the group (undo deletes it); false when adopted
 * @param firstAdmin       the first tenant-admin asked for at creation, if any
 * @param firstAdminUserId that user's id once the saga created it
 */
public record Tenant(String slug, String displayName, TenantStatus status, String statusReason,
                     Optional<String> groupId, boolean groupCreated, Optional<FirstAdmin> firstAdmin,
                     Optional<String> firstAdminUserId, boolean onboarded, OffsetDateTime createdAt,
                     OffsetDateTime updatedAt) {

    /** What an admin asked for the tenant's first tenant-admin (never a password). */
    public record FirstAdmin(String username, String email, String firstName, String lastName) {
    }
}
