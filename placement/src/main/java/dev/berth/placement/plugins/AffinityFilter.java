package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarFilter;
import dev.berth.placement.engine.FilterKernel;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.HostList;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.RejectionTally;

import dev.berth.placement.PlacementHints.Affinity;

/**
 * Hard affinity: keeps only hosts already running a member of the request's group (same
 * tenant). The first member has nowhere to join, so while the group has no member anywhere
 * in the fleet every host passes (kube-scheduler's inter-pod affinity does the same).
 */
public final class AffinityFilter implements ColumnarFilter {

    public static final String NAME = "Affinity";
    public static final String NO_GROUP_MEMBER = "no_group_member";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        if (request.hints().affinity() != Affinity.HARD || request.hints().group() == null) {
            return FilterResult.pass();
        }
        String group = request.groupKey();
        if (host.groupCount(group) > 0 || fleet.groupTotal(group) == 0) {
            return FilterResult.pass();
        }
        return FilterResult.reject(NO_GROUP_MEMBER);
    }

    /** Only the group's hosts survive, unless the group has no member yet (then all do). */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        if (request.hints().affinity() != Affinity.HARD || request.hints().group() == null
                || stats.groupTotal(request.groupKey()) == 0) {
            return FilterKernel.PASS_ALL;
        }
        FleetColumns.GroupMembers members = fleet.group(request.groupKey());
        HostList hosts = members == null ? fleet.nobody() : members.hosts();
        return new FilterKernel() {
            @Override
            public String reject(int host) {
                return hosts.contains(host) ? null : NO_GROUP_MEMBER;
            }

            @Override
            public void narrow(HostSet survivors, RejectionTally tally) {
                tally.add(NO_GROUP_MEMBER, hosts.retainIn(survivors));
            }
        };
    }
}
