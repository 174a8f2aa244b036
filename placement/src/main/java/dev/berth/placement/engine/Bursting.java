package dev.berth.placement.engine;

import dev.berth.placement.FleetStats;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.plugins.BurstFilter;

import java.util.function.Function;

import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementExplanation.Burst;

/**
 * The two stages of a private-first decision around one pipeline run each:
 * <ol>
 *   <li>private first: {@link BurstFilter} keeps public hosts out unless the private fleet
 *       is at or past the threshold (then they compete on score, and winning one is a burst
 *       for {@link Burst#PRIVATE_UTILISATION_ABOVE_THRESHOLD});</li>
 *   <li>only when stage 1 found nothing and kept public hosts out under
 *       {@link BurstFilter#PRIVATE_FIRST} (so the tenant may burst): the same request again,
 *       {@link PlacementRequest#asBursting() bursting}, where public hosts pass — a public host
 *       found now is a burst for {@link Burst#NO_PRIVATE_FIT}.</li>
 * </ol>
 * Stage 2's explanation replaces stage 1's: it counts every host under its real reason
 * (private hosts that did not fit, public hosts that did not either), which is what a user
 * needs when even bursting fails. A tenant not allowed to burst never gets stage 2; its
 * no-fit names the rule ({@code Burst: burst_not_allowed}).
 */
public final class Bursting {

    private final BurstFilter rule;

    /** @param rule the chain's burst filter; null when it is disabled (then there are no stages) */
    public Bursting(BurstFilter rule) {
        this.rule = rule;
    }

    public PlacementDecision place(PlacementRequest request, FleetIndex fleet, Function<PlacementRequest, PlacementDecision> once) {
        PlacementDecision first = once.apply(request);
        if (rule == null) {
            return first;
        }
        FleetStats stats = fleet.stats();
        if (first.host().isPresent()) {
            return bursting(request, first) ? with(first, Burst.PRIVATE_UTILISATION_ABOVE_THRESHOLD, stats) : first;
        }
        if (!keptPublicHostsOut(first)) {
            return first;
        }
        PlacementDecision second = once.apply(request.asBursting());
        return second.host().isPresent() ? with(second, Burst.NO_PRIVATE_FIT, stats) : second;
    }

    /** A public host the request did not pin: the broker chose to burst. */
    private static boolean bursting(PlacementRequest request, PlacementDecision decision) {
        return decision.host().get().providerClass() == ProviderClass.PUBLIC
                && request.hints().providerClass() != ProviderClass.PUBLIC;
    }

    private static boolean keptPublicHostsOut(PlacementDecision decision) {
        return decision.explanation().rejections().stream()
                .anyMatch(r -> BurstFilter.NAME.equals(r.filter()) && BurstFilter.PRIVATE_FIRST.equals(r.reason()));
    }

    private PlacementDecision with(PlacementDecision decision, String reason, FleetStats stats) {
        Burst burst = new Burst(reason, stats.privateUtilisation(), rule.threshold());
        return new PlacementDecision(decision.host(), decision.explanation().withBurst(burst));
    }
}
