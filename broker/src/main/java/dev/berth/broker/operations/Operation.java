package dev.berth.broker.operations;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.berth.provider.spi.Progress;

/**
 * One asynchronous mutation of a workload.
 *
 * @param error        the problem document (JSON) when FAILED, or the last transient error while retrying
 * @param snapshotName the snapshot a SNAPSHOT, SNAPSHOT_DELETE or RESTORE operation acts on
 * @param claimToken   the claim under which a worker holds it (null when not held): its outcome is
 *                     recorded only while the row still carries this token
 * @param progress     what it reported doing last (null before it reported anything)
 */
public record Operation(UUID id, String tenant, UUID workloadId, OperationType type, OperationStatus status,
                        int attempts, String error, OffsetDateTime createdAt, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, OffsetDateTime updatedAt, String snapshotName,
                        UUID claimToken, Progress progress) {

    public static Operation pending(UUID workloadId, String tenant, OperationType type) {
        return pending(workloadId, tenant, type, null);
    }

    public static Operation pending(UUID workloadId, String tenant, OperationType type, String snapshotName) {
        return new Operation(UUID.randomUUID(), tenant, workloadId, type, OperationStatus.PENDING, 0, null,
                null, null, null, null, snapshotName, null, null);
    }
}
