package dev.berth.placement;

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
 * @param burst           why the chosen host is a public one the tenant did not ask for; null
 *                        when the workload did not burst (or nothing fits)
 */
public record PlacementExplanation(int hostsConsidered, List<Rejection> rejections, List<Candidate> candidates,
        int fleetSize, String mode, Burst burst) {

    /**
     * The workload burst to public capacity.
     *
     * @param reason             {@link #PRIVATE_UTILISATION_ABOVE_THRESHOLD} or {@link #NO_PRIVATE_FIT}
     * @param privateUtilisation the private fleet's utilisation (0..1) when it was decided
     * @param threshold          the configured private-first threshold
     */
    public record Burst(String reason, double privateUtilisation, double threshold) {

        /** The private fleet was at or past the threshold, so public hosts competed with private ones. */
        public static final String PRIVATE_UTILISATION_ABOVE_THRESHOLD = "private_utilisation_above_threshold";
        /** Below the threshold, but no private host could take the workload. */
        public static final String NO_PRIVATE_FIT = "no_private_fit";

        public String detail() {
            String at = String.format(java.util.Locale.ROOT, "private fleet utilisation %.2f, threshold %.2f",
                    privateUtilisation, threshold);
            return NO_PRIVATE_FIT.equals(reason) ? "no private host could take the workload (" + at + ")"
                    : "the private fleet is past the private-first threshold (" + at + ")";
        }
    }

    /**
     * @param filter the filter (or placement policy) that rejected the hosts
     * @param reason the filter's reason constant, e.g. {@code insufficient_cpu}, {@code policy_denied},
     *               {@code policy_error}
     * @param detail for a filter that failed to evaluate ({@link dev.berth.placement.FilterResult.Status#ERROR}),
     *               the first error seen, e.g. the policy's evaluation error; else null
     */
    public record Rejection(String filter, String reason, int hosts, String detail) {

        public Rejection(String filter, String reason, int hosts) {
            this(filter, reason, hosts, null);
        }

        /** For the audit trail: the detail only when there is one, so plain rejections read as before. */
        Map<String, Object> asData() {
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("filter", filter);
            data.put("reason", reason);
            data.put("hosts", hosts);
            if (detail != null) {
                data.put("detail", detail);
            }
            return data;
        }
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

    public PlacementExplanation(int hostsConsidered, List<Rejection> rejections, List<Candidate> candidates,
            int fleetSize, String mode) {
        this(hostsConsidered, rejections, candidates, fleetSize, mode, null);
    }

    public PlacementExplanation withBurst(Burst burst) {
        return new PlacementExplanation(hostsConsidered, rejections, candidates, fleetSize, mode, burst);
    }

    /** For the audit trail (JSON). */
    public Map<String, Object> asData() {
        Map<String, Object> data = new java.util.LinkedHashMap<>(Map.of("hostsConsidered", hostsConsidered,
                "fleetSize", fleetSize, "mode", mode, "rejections", rejections.stream().map(Rejection::asData).toList(),
                "candidates", candidates));
        if (burst != null) {
            data.put("burst", Map.of("reason", burst.reason(), "privateUtilisation", burst.privateUtilisation(),
                    "threshold", burst.threshold(), "detail", burst.detail()));
        }
        return data;
    }

    public String summary() {
        String burstNote = burst == null ? "" : "; burst to public: " + burst.detail();
        if (rejections.isEmpty()) {
            return hostsConsidered + " hosts considered" + burstNote;
        }
        StringBuilder s = new StringBuilder(hostsConsidered + " hosts considered; rejected: ");
        for (int i = 0; i < rejections.size(); i++) {
            Rejection r = rejections.get(i);
            s.append(i == 0 ? "" : ", ").append(r.hosts()).append(" by ").append(r.filter()).append(" (").append(r.reason()).append(')');
        }
        return s.append(burstNote).toString();
    }
}
