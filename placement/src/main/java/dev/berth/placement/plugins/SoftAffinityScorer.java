package dev.berth.placement.plugins;

import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarScorer;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.ScoreKernel;

import dev.berth.placement.PlacementHints.Affinity;

/**
 * Soft affinity and anti-affinity to the request's group: a preference, never a refusal.
 * Affinity: 100 on a host already running a member, else 0. Anti-affinity: 100 on a host
 * without members, falling as members pile up (100 / (1 + members)). Both asked: the mean.
 * No soft rule: 0 everywhere, which leaves the order to the other scorers.
 */
public final class SoftAffinityScorer implements ColumnarScorer {

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
        return score(near, away, host.groupCount(request.groupKey()));
    }

    /** Constant off the group's hosts; on them, a lookup in the group's (short) host list, done only for hosts still in reach. */
    @Override
    public ScoreKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        PlacementHints hints = request.hints();
        boolean near = hints.affinity() == Affinity.SOFT;
        boolean away = hints.antiAffinity() == Affinity.SOFT;
        if (hints.group() == null || (!near && !away)) {
            return ScoreKernel.constant(0);
        }
        FleetColumns.GroupMembers members = fleet.group(request.groupKey());
        if (members == null) {
            return ScoreKernel.constant(score(near, away, 0));
        }
        int off = score(near, away, 0);
        return new ScoreKernel() {
            @Override
            public int score(int host) {
                return SoftAffinityScorer.score(near, away, members.count(host));
            }

            @Override
            public void addWeighted(int[] hosts, int count, long weight, long[] sums) {
                for (int k = 0; k < count; k++) {
                    int h = hosts[k];
                    sums[k] += weight * (members.hosts().contains(h) ? SoftAffinityScorer.score(near, away, members.count(h)) : off);
                }
            }

            /** 100: the member lookups are left for hosts the other scores keep in reach. */
            @Override
            public boolean bounded() {
                return true;
            }

            @Override
            public void addWeightedBound(int[] hosts, int count, long weight, long[] sums) {
                long add = weight * 100;
                for (int k = 0; k < count; k++) {
                    sums[k] += add;
                }
            }
        };
    }

    private static int score(boolean near, boolean away, int members) {
        int nearScore = members > 0 ? 100 : 0;
        int awayScore = 100 / (1 + members);
        if (near && away) {
            return (nearScore + awayScore) / 2;
        }
        return near ? nearScore : awayScore;
    }
}
