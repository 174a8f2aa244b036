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
 * Hard anti-affinity: drops hosts already running a member of the request's group (same
 * tenant), so replicas never share a failure domain of one host.
 */
public final class AntiAffinityFilter implements ColumnarFilter {

    public static final String NAME = "AntiAffinity";
    public static final String GROUP_MEMBER_PRESENT = "group_member_present";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        if (request.hints().antiAffinity() != Affinity.HARD || request.hints().group() == null) {
            return FilterResult.pass();
        }
        return host.groupCount(request.groupKey()) > 0 ? FilterResult.reject(GROUP_MEMBER_PRESENT) : FilterResult.pass();
    }

    /** The group's hosts, listed in the snapshot: dropped in one pass over that (short) list. */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        if (request.hints().antiAffinity() != Affinity.HARD || request.hints().group() == null) {
            return FilterKernel.PASS_ALL;
        }
        FleetColumns.GroupMembers members = fleet.group(request.groupKey());
        if (members == null) {
            return FilterKernel.PASS_ALL;
        }
        HostList hosts = members.hosts();
        return new FilterKernel() {
            @Override
            public String reject(int host) {
                return hosts.contains(host) ? GROUP_MEMBER_PRESENT : null;
            }

            @Override
            public void narrow(HostSet survivors, RejectionTally tally) {
                tally.add(GROUP_MEMBER_PRESENT, hosts.removeFrom(survivors));
            }
        };
    }
}
