package dev.berth.broker.members;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A pending invitation of an existing person to a tenant (row of {@code member_invitation}). */
public record Invitation(UUID id, String tenant, String groupId, String username, boolean tenantAdmin, String invitedBy,
                         OffsetDateTime createdAt, OffsetDateTime expiresAt) {
}
