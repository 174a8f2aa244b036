package dev.berth.broker.governance;


import com.google.protobuf.Timestamp;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.workloads.WorkloadMapper;
import dev.berth.broker.workloads.WorkloadProtos;
import dev.berth.grpc.v1.DeletePolicyResponse;
import dev.berth.grpc.v1.EvaluatePoliciesRequest;
import dev.berth.grpc.v1.EvaluatePoliciesResponse;
import dev.berth.grpc.v1.HostPolicyOutcome;
import dev.berth.grpc.v1.ReplayPolicyRequest;
import dev.berth.grpc.v1.ReplayPolicyResponse;
import dev.berth.grpc.v1.ReplayedRequest;
import dev.berth.grpc.v1.ListPoliciesRequest;
import dev.berth.grpc.v1.Policies;
import dev.berth.grpc.v1.Policy;
import dev.berth.grpc.v1.PolicyInput;
import dev.berth.grpc.v1.PolicyList;
import dev.berth.grpc.v1.PolicyRequest;
import dev.berth.grpc.v1.TenantLabels;
import dev.berth.grpc.v1.TenantLabelsRequest;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** gRPC adapter for policy administration; same services and validation as {@link PoliciesResource}. */
@GrpcService
@Blocking
@RolesAllowed(PLATFORM_ADMIN)
public class PoliciesGrpcService implements Policies {

    private static final String SLUG = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final PolicyService policies;
    private final TenantProfiles tenants;
    private final Validator validator;
    private final PolicyDryRun dryRun;

    PoliciesGrpcService(SecurityIdentity identity, CallerResolver callers, PolicyService policies, TenantProfiles tenants,
                        Validator validator, PolicyDryRun dryRun) {
        this.dryRun = dryRun;
        this.identity = identity;
        this.callers = callers;
        this.policies = policies;
        this.tenants = tenants;
        this.validator = validator;
    }

    @Override
    public Uni<Policy> createPolicy(PolicyInput request) {
        return Uni.createFrom().item(toProto(policies.create(toApi(request), callers.resolve(identity).username())));
    }

    @Override
    public Uni<Policy> updatePolicy(PolicyInput request) {
        return Uni.createFrom().item(toProto(policies.update(request.getId(), toApi(request), callers.resolve(identity).username())));
    }

    @Override
    public Uni<Policy> getPolicy(PolicyRequest request) {
        return Uni.createFrom().item(toProto(policies.get(id(request.getId()))));
    }

    @Override
    public Uni<PolicyList> listPolicies(ListPoliciesRequest request) {
        return Uni.createFrom().item(PolicyList.newBuilder()
                .addAllItems(policies.list().stream().map(PoliciesGrpcService::toProto).toList()).build());
    }

    @Override
    public Uni<DeletePolicyResponse> deletePolicy(PolicyRequest request) {
        policies.delete(id(request.getId()), callers.resolve(identity).username());
        return Uni.createFrom().item(DeletePolicyResponse.getDefaultInstance());
    }

    @Override
    public Uni<PolicyList> listPolicyVersions(PolicyRequest request) {
        return Uni.createFrom().item(PolicyList.newBuilder()
                .addAllItems(policies.history(id(request.getId())).stream().map(PoliciesGrpcService::toProto).toList()).build());
    }

    @Override
    public Uni<TenantLabels> setTenantLabels(TenantLabels request) {
        String tenant = tenant(request.getTenant());
        return Uni.createFrom().item(TenantLabels.newBuilder().setTenant(tenant)
                .putAllLabels(tenants.setLabels(tenant, request.getLabelsMap())).build());
    }

    @Override
    public Uni<TenantLabels> getTenantLabels(TenantLabelsRequest request) {
        String tenant = tenant(request.getTenant());
        return Uni.createFrom().item(TenantLabels.newBuilder().setTenant(tenant).putAllLabels(tenants.labels(tenant)).build());
    }

    @Override
    public Uni<EvaluatePoliciesResponse> evaluatePolicies(EvaluatePoliciesRequest request) {
        dev.berth.api.model.WorkloadCreate sample = WorkloadProtos.toCreate(request.getWorkload());
        validate(sample);
        PolicyDryRun.Evaluation e = dryRun.evaluate(request.hasDraft() ? PolicyService.toPolicy(toApi(request.getDraft()), 1) : null,
                tenant(request.getTenant()), WorkloadMapper.draft(sample));
        EvaluatePoliciesResponse.Builder out = EvaluatePoliciesResponse.newBuilder().setAllowed(e.admission().allowed());
        e.admission().outcomes().forEach(o -> out.addOutcomes(toProto(o)));
        e.hosts().forEach(h -> out.addHosts(HostPolicyOutcome.newBuilder().setHostId(h.host().id().toString())
                .setHostName(h.host().name()).setEligible(h.eligible())
                .addAllOutcomes(h.outcomes().stream().map(PoliciesGrpcService::toProto).toList())));
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<ReplayPolicyResponse> replayPolicy(ReplayPolicyRequest request) {
        PolicyDryRun.Replay r = dryRun.replay(PolicyService.toPolicy(toApi(request.getDraft()), 1),
                time(request.getFrom()), time(request.getTo()));
        ReplayPolicyResponse.Builder out = ReplayPolicyResponse.newBuilder().setRequestsEvaluated(r.evaluated());
        r.wouldDeny().forEach(w -> out.addWouldDeny(ReplayedRequest.newBuilder().setRequestId(w.request().id())
                .setTenant(w.request().tenant()).setName(w.request().name())
                .setRecordedAt(WorkloadProtos.timestamp(w.request().at())).setMessage(w.message())));
        return Uni.createFrom().item(out.build());
    }

    private static java.time.OffsetDateTime time(Timestamp t) {
        return java.time.Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).atOffset(java.time.ZoneOffset.UTC);
    }

    private static dev.berth.grpc.v1.RuleOutcome toProto(dev.berth.policies.RuleOutcome o) {
        return dev.berth.grpc.v1.RuleOutcome.newBuilder().setPolicyId(o.policyId()).setPolicyVersion(o.policyVersion())
                .setStatus(o.status().name()).setMessage(o.message() == null ? "" : o.message())
                .setError(o.error() == null ? "" : o.error()).build();
    }

    private <T> void validate(T model) {
        ModelValidation.valid(validator, model);
    }

    private dev.berth.api.model.PolicyInput toApi(PolicyInput r) {
        dev.berth.api.model.PolicyInput input = new dev.berth.api.model.PolicyInput().id(r.getId())
                .name(r.getName().isEmpty() ? null : r.getName())
                .description(r.getDescription().isEmpty() ? null : r.getDescription())
                .tenant(r.getTenant().isEmpty() ? null : r.getTenant())
                .expression(r.getExpression()).message(r.getMessage().isEmpty() ? null : r.getMessage())
                .enabled(!r.getDisabled());
        try {
            input.stage(dev.berth.api.model.PolicyInput.StageEnum.fromValue(r.getStage()))
                    .effect(dev.berth.api.model.PolicyInput.EffectEnum.fromValue(r.getEffect()))
                    .mode(dev.berth.api.model.PolicyInput.ModeEnum.fromValue(r.getMode()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("stage/effect/mode", e.getMessage());
        }
        validate(input);
        return input;
    }

    static Policy toProto(StoredPolicy s) {
        dev.berth.policies.Policy p = s.policy();
        Policy.Builder b = Policy.newBuilder().setSpec(PolicyInput.newBuilder().setId(p.id()).setName(p.name())
                        .setDescription(p.description()).setTenant(p.scope().tenant() == null ? "" : p.scope().tenant())
                        .setStage(p.stage().name().toLowerCase()).setExpression(p.expression())
                        .setEffect(p.effect().name().toLowerCase()).setMode(p.mode().name().toLowerCase())
                        .setMessage(p.message()).setDisabled(!p.enabled()))
                .setVersion(p.version()).setDeleted(s.deleted()).setUpdatedBy(s.updatedBy());
        if (s.updatedAt() != null) {
            b.setUpdatedAt(Timestamp.newBuilder().setSeconds(s.updatedAt().toEpochSecond()).setNanos(s.updatedAt().getNano()));
        }
        return b.build();
    }

    private static String id(String id) {
        if (!id.matches(SLUG) || id.length() > 63) {
            throw new InvalidRequest("id", "not a policy id");
        }
        return id;
    }

    private static String tenant(String slug) {
        if (!dev.berth.tenants.Slug.isValid(slug)) {
            throw new InvalidRequest("tenant", "not a tenant slug");
        }
        return slug;
    }
}
