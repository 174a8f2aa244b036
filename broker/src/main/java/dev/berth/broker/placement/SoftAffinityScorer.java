package dev.berth.broker.placement;

import dev.berth.broker.placement.PlacementHints.Affinity;

/**
 * Soft affinity and anti-affinity to the request's group: a preference, never a refusal.
 * Affinity: 100 on a host already running a member, else 0. Anti-affinity: 100 on a host
 * without members, falling as members pile up (100 / (1 + members)). Both asked: the mean.
 * No soft rule: 0 everywhere, which leaves the order to the other scorers.
 */
public final class SoftAffinityScorer implements PlacementScorer {

    public static final String NAME = "SoftAffinity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int score(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        PlacementHints hints = request.hints();
        boolean near = hints.affinity() == Affinity.SOFT;
        boolean away = hints.antiAffinity() == Affinity.SOFT;
        if (hints.group() == null || (!near && !away)) {
            return 0;
        }
        int members = host.groupCount(request.groupKey());
        int nearScore = members > 0 ? 100 : 0;
        int awayScore = 100 / (1 + members);
        if (near && away) {
            return (nearScore + awayScore) / 2;
        }
        return near ? nearScore : awayScore;
    }
}
