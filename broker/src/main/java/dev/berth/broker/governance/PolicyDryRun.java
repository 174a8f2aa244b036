package dev.berth.broker.governance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.berth.broker.db.Database;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.placement.HostSnapshot;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.workloads.WorkloadDraft;
import dev.berth.policies.Decision;
import dev.berth.policies.PlacementEvaluation;
import dev.berth.policies.Policy;
import dev.berth.policies.PolicyStage;
import dev.berth.policies.RuleOutcome;
import dev.berth.policies.context.EvaluationContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an admin needs before turning a rule on: a draft (or the active set) evaluated
 * against a sample request and the current fleet, and a draft replayed over the requests
 * recorded in a time window. Read-only; shared by the REST and gRPC adapters.
 */
@ApplicationScoped
public class PolicyDryRun {

    /** Placement-stage outcomes on one host. */
    public record HostVerdict(HostSnapshot host, boolean eligible, List<RuleOutcome> outcomes) {
    }

    /** Admission outcomes for the sample, and placement outcomes per host. */
    public record Evaluation(Decision admission, List<HostVerdict> hosts) {
    }

    /** A recorded request the draft would have denied (or warned about), with the rendered message. */
    public record WouldDeny(Governance.Recorded request, String message) {
    }

    public record Replay(int evaluated, List<WouldDeny> wouldDeny) {
    }

    private final Database db;
    private final HostRepository hosts;
    private final Governance governance;
    private final PolicyService policies;

    PolicyDryRun(Database db, HostRepository hosts, Governance governance, PolicyService policies) {
        this.db = db;
        this.hosts = hosts;
        this.governance = governance;
        this.policies = policies;
    }

    /** {@code draft} null = the active set. */
    public Evaluation evaluate(Policy draft, String tenant, WorkloadDraft sample) {
        List<Policy> set = draft == null ? governance.active()
                : List.of(policies.checked(draft).toBuilder().enabled(true).build());
        EvaluationContext context = governance.context(tenant, sample);
        Decision admission = governance.engine().admit(context, set);
        List<Policy> placement = set.stream().filter(p -> p.stage() == PolicyStage.PLACEMENT).toList();
        List<HostVerdict> verdicts = new ArrayList<>();
        if (!placement.isEmpty()) {
            PlacementEvaluation evaluation = governance.engine().placement(context, placement);
            for (HostSnapshot host : db.autoCommit(hosts::snapshots)) {
                Decision d = evaluation.eligible(Governance.hostContext(host));
                verdicts.add(new HostVerdict(host, d.allowed(), d.outcomes()));
            }
        }
        return new Evaluation(admission, verdicts);
    }

    public Replay replay(Policy draft, OffsetDateTime from, OffsetDateTime to) {
        Policy checked = policies.checked(draft);
        if (checked.stage() != PolicyStage.ADMISSION) {
            throw new InvalidRequest("draft.stage", "replay evaluates admission policies against recorded requests");
        }
        if (!from.isBefore(to)) {
            throw new InvalidRequest("from", "must be before 'to'");
        }
        List<Governance.Recorded> recorded = governance.recorded(from, to);
        List<WouldDeny> wouldDeny = new ArrayList<>();
        for (Governance.Recorded r : recorded) {
            governance.replay(checked, r.context()).outcomes().stream().filter(o -> o.denies() || o.warns()).findFirst()
                    .ifPresent(o -> wouldDeny.add(new WouldDeny(r, o.message())));
        }
        return new Replay(recorded.size(), wouldDeny);
    }
}
