package dev.berth.broker.placement;

import dev.berth.placement.PlacementExplanation;

import dev.berth.api.model.PlacementCandidate;
import dev.berth.api.model.PlacementRejection;
import dev.berth.api.model.Problem;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** No host passes every filter; the problem body carries the per-filter counts. */
public final class NoFit extends BerthProblem {

    private final transient PlacementExplanation explanation;

    public NoFit(PlacementExplanation explanation) {
        super(ProblemCode.PLACEMENT_NO_FIT, "No host can take this workload: " + explanation.summary() + ".");
        this.explanation = explanation;
    }

    public PlacementExplanation explanation() {
        return explanation;
    }

    @Override
    public void decorate(Problem body) {
        body.placement(new dev.berth.api.model.PlacementExplanation()
                .hostsConsidered(explanation.hostsConsidered())
                .rejections(explanation.rejections().stream()
                        .map(r -> new PlacementRejection().filter(r.filter()).reason(r.reason()).hosts(r.hosts()).detail(r.detail()))
                        .toList())
                .candidates(explanation.candidates().stream()
                        .map(c -> new PlacementCandidate().hostId(c.hostId()).hostName(c.hostName()).score(c.score()))
                        .toList()));
    }
}
