package dev.berth.broker.snapshots;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A snapshot as Berth tracks it; the provider holds the content. */
public record Snapshot(UUID id, String tenant, UUID workloadId, String name, Status status, String detail,
                       boolean holdsQuota, OffsetDateTime createdAt) {

    /** CREATING → AVAILABLE → DELETING → DELETED; FAILED with a reason in {@code detail}. */
    public enum Status { CREATING, AVAILABLE, DELETING, DELETED, FAILED }
}
