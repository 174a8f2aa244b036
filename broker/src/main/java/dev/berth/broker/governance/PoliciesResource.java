package dev.berth.broker.governance;


import dev.berth.api.model.HostPolicyOutcome;
import dev.berth.api.model.PolicyEvaluation;
import dev.berth.api.model.PolicyEvaluationResult;
import dev.berth.api.model.PolicyInput;
import dev.berth.api.model.PolicyList;
import dev.berth.api.model.PolicyReplay;
import dev.berth.api.model.PolicyReplayResult;
import dev.berth.api.model.ReplayedRequest;
import dev.berth.api.rest.AdminPoliciesApi;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.workloads.WorkloadMapper;
import dev.berth.policies.RuleOutcome;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** {@code /v1/admin/policies}: platform admins only; tenants only ever see the messages of rules that denied them. */
@RolesAllowed(PLATFORM_ADMIN)
public class PoliciesResource implements AdminPoliciesApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final PolicyService policies;
    private final PolicyDryRun dryRun;

    PoliciesResource(SecurityIdentity identity, CallerResolver callers, PolicyService policies, PolicyDryRun dryRun) {
        this.identity = identity;
        this.callers = callers;
        this.policies = policies;
        this.dryRun = dryRun;
    }

    @Override
    public Response createPolicy(PolicyInput input) {
        StoredPolicy saved = policies.create(input, callers.resolve(identity).username());
        return Response.status(201).entity(toApi(saved)).build();
    }

    @Override
    public Response listPolicies() {
        return Response.ok(new PolicyList().items(policies.list().stream().map(PoliciesResource::toApi).toList())).build();
    }

    @Override
    public Response getPolicy(String policyId) {
        return Response.ok(toApi(policies.get(policyId))).build();
    }

    @Override
    public Response updatePolicy(String policyId, PolicyInput input) {
        return Response.ok(toApi(policies.update(policyId, input, callers.resolve(identity).username()))).build();
    }

    @Override
    public Response deletePolicy(String policyId) {
        policies.delete(policyId, callers.resolve(identity).username());
        return Response.noContent().build();
    }

    @Override
    public Response listPolicyVersions(String policyId) {
        return Response.ok(new PolicyList().items(policies.history(policyId).stream().map(PoliciesResource::toApi).toList())).build();
    }

    @Override
    public Response evaluatePolicies(PolicyEvaluation request) {
        PolicyDryRun.Evaluation e = dryRun.evaluate(
                request.getDraft() == null ? null : PolicyService.toPolicy(request.getDraft(), 1),
                request.getSample().getTenant(), WorkloadMapper.draft(request.getSample().getWorkload()));
        PolicyEvaluationResult body = new PolicyEvaluationResult().allowed(e.admission().allowed())
                .outcomes(e.admission().outcomes().stream().map(PoliciesResource::toApi).toList());
        if (!e.hosts().isEmpty()) {
            body.hosts(e.hosts().stream().map(h -> new HostPolicyOutcome().hostId(h.host().id()).hostName(h.host().name())
                    .eligible(h.eligible()).outcomes(h.outcomes().stream().map(PoliciesResource::toApi).toList())).toList());
        }
        return Response.ok(body).build();
    }

    @Override
    public Response replayPolicy(PolicyReplay request) {
        PolicyDryRun.Replay r = dryRun.replay(PolicyService.toPolicy(request.getDraft(), 1), request.getFrom(), request.getTo());
        return Response.ok(new PolicyReplayResult().requestsEvaluated(r.evaluated()).wouldDeny(r.wouldDeny().stream()
                .map(w -> new ReplayedRequest().requestId(w.request().id()).tenant(w.request().tenant()).name(w.request().name())
                        .recordedAt(w.request().at()).message(w.message())).toList())).build();
    }

    static dev.berth.api.model.Policy toApi(StoredPolicy s) {
        dev.berth.policies.Policy p = s.policy();
        return new dev.berth.api.model.Policy().id(p.id()).name(p.name()).description(p.description())
                .tenant(p.scope().tenant())
                .stage(dev.berth.api.model.Policy.StageEnum.fromValue(p.stage().name().toLowerCase()))
                .expression(p.expression())
                .effect(dev.berth.api.model.Policy.EffectEnum.fromValue(p.effect().name().toLowerCase()))
                .mode(dev.berth.api.model.Policy.ModeEnum.fromValue(p.mode().name().toLowerCase()))
                .message(p.message()).version(p.version()).enabled(p.enabled()).deleted(s.deleted())
                .updatedBy(s.updatedBy()).updatedAt(s.updatedAt());
    }

    static dev.berth.api.model.RuleOutcome toApi(RuleOutcome o) {
        return new dev.berth.api.model.RuleOutcome().policyId(o.policyId()).policyVersion(o.policyVersion())
                .effect(o.effect().name().toLowerCase()).mode(o.mode().name().toLowerCase())
                .status(dev.berth.api.model.RuleOutcome.StatusEnum.fromValue(o.status().name()))
                .message(o.message()).error(o.error());
    }
}
