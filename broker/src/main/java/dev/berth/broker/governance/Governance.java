package dev.berth.broker.governance;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.berth.broker.db.Database;
import dev.berth.broker.db.Json;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementConfig;
import dev.berth.placement.plugins.PolicyFilter;
import dev.berth.broker.quota.QuotaService;
import dev.berth.tenants.quota.TenantQuota;
import dev.berth.broker.workloads.WorkloadDraft;
import dev.berth.policies.Decision;
import dev.berth.policies.PlacementEvaluation;
import dev.berth.policies.Policy;
import dev.berth.policies.PolicyEngine;
import dev.berth.policies.PolicyMode;
import dev.berth.policies.PolicyStage;
import dev.berth.policies.RuleOutcome;
import dev.berth.policies.context.EvaluationContext;
import dev.berth.policies.context.HostContext;
import dev.berth.policies.context.RequestContext;
import dev.berth.policies.context.TenantContext;
import dev.berth.policies.context.UsageContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where the broker asks the policy engine: at admission (once per request, recorded for
 * replay) and as placement filters (one per placement policy, so rejections are counted
 * under the policy's name in the placement explanation).
 */
@ApplicationScoped
public class Governance {

    /** A recorded admission request, as replay sees it. */
    public record Recorded(long id, String tenant, String name, OffsetDateTime at, EvaluationContext context) {
    }

    private record StoredContext(RequestContext request, TenantContext tenant, UsageContext usage) {
    }

    private final Database db;
    private final PolicyStore store;
    private final PolicyEngine engine;
    private final TenantProfiles tenants;
    private final QuotaService quotas;

    Governance(Database db, PolicyStore store, PolicyEngine engine, TenantProfiles tenants, QuotaService quotas) {
        this.db = db;
        this.store = store;
        this.engine = engine;
        this.tenants = tenants;
        this.quotas = quotas;
    }

    public PolicyEngine engine() {
        return engine;
    }

    /** Evaluates the active admission policies for a create, and records the request for replay. */
    public Decision admit(String tenant, WorkloadDraft draft) {
        EvaluationContext context = context(tenant, draft);
        record(tenant, draft.name(), context);
        return engine.admit(context, active());
    }

    /**
     * The same verdict {@link #admit} would give, read-only: nothing recorded. For what-if
     * questions (placement simulation), which must not show up in replay as if they were requests.
     */
    public Decision evaluateAdmission(String tenant, WorkloadDraft draft) {
        List<Policy> policies = active();
        // No applicable rule: the engine's answer is an empty decision; skip the context's reads.
        if (policies.stream().noneMatch(p -> p.appliesTo(PolicyStage.ADMISSION, tenant))) {
            return new Decision(List.of());
        }
        return engine.admit(context(tenant, draft), policies);
    }

    /** One placement filter per active placement policy of this tenant. */
    public List<PolicyFilter> placementFilters(String tenant, WorkloadDraft draft) {
        List<Policy> placement = active().stream()
                .filter(p -> p.stage() == PolicyStage.PLACEMENT && p.enabled() && p.scope().covers(tenant)).toList();
        if (placement.isEmpty()) {
            return List.of();
        }
        PlacementEvaluation evaluation = engine.placement(context(tenant, draft), placement);
        List<PolicyFilter> filters = new ArrayList<>();
        for (Policy policy : placement) {
            // a policy saved before built-in names were refused must not break every decision
            String name = PlacementConfig.KNOWN_FILTERS.contains(policy.name()) ? "policy:" + policy.name() : policy.name();
            filters.add(PolicyFilter.evaluating(name, (request, host) -> verdict(policy, evaluation.eligible(hostContext(host)).outcomes())));
        }
        return filters;
    }

    /**
     * One policy's say on one host: a denial, or — when its expression failed to evaluate and
     * the policy fails closed — an evaluation error naming the policy (placement reports it as
     * {@code policy_error}, not {@code policy_denied}).
     */
    static PolicyFilter.Verdict verdict(Policy policy, List<RuleOutcome> outcomes) {
        for (RuleOutcome o : outcomes) {
            if (o.policyId().equals(policy.id()) && o.denies()) {
                return o.status() == RuleOutcome.Status.ERROR ? PolicyFilter.Verdict.failed(o.error()) : PolicyFilter.Verdict.deny();
            }
        }
        return PolicyFilter.Verdict.allow();
    }

    public EvaluationContext context(String tenant, WorkloadDraft d) {
        RequestContext request = new RequestContext(d.name(), d.requestedKind().name().toLowerCase(), d.image(), d.labels(),
                new RequestContext.Resources(d.resources().milliCpu() / 1000.0, d.resources().memoryMiB(), d.resources().diskGiB()),
                new RequestContext.Placement(d.placement().region(), d.placement().zone(), d.isolation().name().toLowerCase()),
                d.untrusted());
        TenantQuota q = quotas.get(tenant);
        UsageContext usage = new UsageContext(q.instancesUsed(), q.used().milliCpu() / 1000.0, q.used().memoryMiB());
        return new EvaluationContext(request, new TenantContext(tenant, tenants.labels(tenant)), usage, Instant.now());
    }

    static HostContext hostContext(HostSnapshot h) {
        return new HostContext(h.id().toString(), h.name(), "", h.providerClass().name().toLowerCase(),
                h.region(), h.zone(), h.labels());
    }

    /** Active (not deleted) policies, current versions. */
    public List<Policy> active() {
        return db.autoCommit(store::active).stream().map(StoredPolicy::policy).toList();
    }

    private void record(String tenant, String name, EvaluationContext context) {
        db.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO admission_record (tenant, name, context) VALUES (?, ?, ?::jsonb)")) {
                ps.setString(1, tenant);
                ps.setString(2, name);
                ps.setString(3, Json.write(new StoredContext(context.request(), context.tenant(), context.usage())));
                return ps.executeUpdate();
            }
        });
    }

    /** Admission requests recorded in [from, to), oldest first. */
    public List<Recorded> recorded(OffsetDateTime from, OffsetDateTime to) {
        return db.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, tenant, name, recorded_at, context::text FROM admission_record
                    WHERE recorded_at >= ? AND recorded_at < ? ORDER BY id LIMIT 100000""")) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                List<Recorded> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime at = rs.getObject(4, OffsetDateTime.class);
                        StoredContext s = Json.read(rs.getString(5), StoredContext.class);
                        out.add(new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), at,
                                new EvaluationContext(s.request(), s.tenant(), s.usage(), at.toInstant())));
                    }
                }
                return out;
            }
        });
    }

    /** The draft's verdict on one recorded request, as if it were enforced. */
    public Decision replay(Policy draft, EvaluationContext context) {
        return engine.admit(context, List.of(draft.toBuilder().enabled(true).mode(PolicyMode.ENFORCE).build()));
    }

}
