package dev.berth.broker.reconcile;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The outcome of one pass over one host.
 *
 * @param observed how many Berth objects the driver listed
 * @param findings how many of each kind the pass found (kinds with none are absent)
 * @param error    why the pass could not finish (the driver could not list, …); null when it did
 */
public record PassReport(UUID hostId, String hostName, String replica, Trigger trigger, OffsetDateTime startedAt,
                         Duration duration, int observed, Map<FindingKind, Integer> findings, String error) {

    /** What started the pass. */
    public enum Trigger { PERIODIC, EVENT, ADMIN }

    static Map<FindingKind, Integer> counts(Map<String, Object> stored) {
        Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
        stored.forEach((kind, count) -> counts.put(FindingKind.valueOf(kind), ((Number) count).intValue()));
        return counts;
    }
}
