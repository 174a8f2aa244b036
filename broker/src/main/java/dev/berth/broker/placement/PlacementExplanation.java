package dev.berth.broker.placement;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Why a placement came out as it did: how many hosts each filter rejected for which reason
 * (in pipeline order; one filter's reasons alphabetically, so the explanation does not
 * depend on the order hosts were listed in), and the best-scored candidates with each
 * scorer's part. Shown on no-fit errors and recorded with every decision.
 *
 * @param hostsConsidered hosts run through the filters
 * @param fleetSize       hosts in the snapshot; more than considered when the fast mode's
 *                        index or candidate limit left some unexamined
 * @param mode            {@code exact} or {@code fast}
 */
public record PlacementExplanation(int hostsConsidered, List<Rejection> rejections, List<Candidate> candidates,
        int fleetSize, String mode) {

    public record Rejection(String filter, String reason, int hosts) {
    }

    /**
     * @param score     weighted mean of the scorers, 0..100
     * @param breakdown each scorer's own score, 0..100, in pipeline order
     */
    public record Candidate(UUID hostId, String hostName, int score, Map<String, Integer> breakdown) {

        public Candidate {
            breakdown = breakdown == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(breakdown));
        }

        public Candidate(UUID hostId, String hostName, int score) {
            this(hostId, hostName, score, Map.of());
        }
    }

    public PlacementExplanation {
        rejections = List.copyOf(rejections);
        candidates = List.copyOf(candidates);
    }

    public PlacementExplanation(int hostsConsidered, List<Rejection> rejections, List<Candidate> candidates) {
        this(hostsConsidered, rejections, candidates, hostsConsidered, "exact");
    }

    /** For the audit trail (JSON). */
    public Map<String, Object> asData() {
        return Map.of("hostsConsidered", hostsConsidered, "fleetSize", fleetSize, "mode", mode,
                "rejections", rejections, "candidates", candidates);
    }

    public String summary() {
        if (rejections.isEmpty()) {
            return hostsConsidered + " hosts considered";
        }
        StringBuilder s = new StringBuilder(hostsConsidered + " hosts considered; rejected: ");
        for (int i = 0; i < rejections.size(); i++) {
            Rejection r = rejections.get(i);
            s.append(i == 0 ? "" : ", ").append(r.hosts()).append(" by ").append(r.filter()).append(" (").append(r.reason()).append(')');
        }
        return s.toString();
    }
}
