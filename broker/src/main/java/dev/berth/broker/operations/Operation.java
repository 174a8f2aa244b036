package dev.berth.broker.operations;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One asynchronous mutation of a workload.
 *
 * @param error the problem document (JSON) when FAILED, or the last transient error while retrying
 */
public record Operation(UUID id, String tenant, UUID workloadId, OperationType type, OperationStatus status,
                        int attempts, String error, OffsetDateTime createdAt, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, OffsetDateTime updatedAt) {

    public static Operation pending(UUID workloadId, String tenant, OperationType type) {
        return new Operation(UUID.randomUUID(), tenant, workloadId, type, OperationStatus.PENDING, 0, null,
                null, null, null, null);
    }
}
