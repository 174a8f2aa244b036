package dev.berth.broker.placement;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Why a placement came out as it did: how many hosts each filter rejected for which reason
 * (in pipeline order; one filter's reasons alphabetically, so the explanation does not
 * depend on the order hosts were listed in), and the best-scored candidates. Shown on no-fit errors and recorded
 * with every decision.
 */
public record PlacementExplanation(int hostsConsidered, List<Rejection> rejections, List<Candidate> candidates) {

    public record Rejection(String filter, String reason, int hosts) {
    }

    public record Candidate(UUID hostId, String hostName, int score) {
    }

    public PlacementExplanation {
        rejections = List.copyOf(rejections);
        candidates = List.copyOf(candidates);
    }

    /** For the audit trail (JSON). */
    public Map<String, Object> asData() {
        return Map.of("hostsConsidered", hostsConsidered, "rejections", rejections, "candidates", candidates);
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
