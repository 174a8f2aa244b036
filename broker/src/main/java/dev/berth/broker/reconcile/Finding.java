package dev.berth.broker.reconcile;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An open finding that persists across passes (an orphan awaiting removal, a drift), for the admin view. */
public record Finding(UUID hostId, UUID workloadId, FindingKind kind, String tenant, String handle, String detail,
                      OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt) {
}
