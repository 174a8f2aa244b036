package dev.berth.broker.reconcile;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** One host in the admin view: its last pass and which replica owns it now. */
public record HostReconcileState(UUID hostId, String hostName, Optional<PassReport> lastPass, Optional<String> owner,
                                 Optional<OffsetDateTime> ownedUntil) {
}
