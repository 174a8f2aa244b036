package dev.berth.broker.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One entry of the append-only audit trail. */
public record Event(long id, String tenant, UUID workloadId, UUID operationId, String actor, String type,
                    String message, Map<String, Object> data, OffsetDateTime createdAt) {
}
