package dev.berth.broker.governance;

import java.util.List;
import java.util.Set;

import com.google.protobuf.Timestamp;
import dev.berth.api.model.FieldViolation;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ProblemCode;
import dev.berth.broker.security.CallerResolver;
import dev.berth.grpc.v1.DeletePolicyResponse;
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
import jakarta.validation.ConstraintViolation;
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

    PoliciesGrpcService(SecurityIdentity identity, CallerResolver callers, PolicyService policies, TenantProfiles tenants,
                        Validator validator) {
        this.identity = identity;
        this.callers = callers;
        this.policies = policies;
        this.tenants = tenants;
        this.validator = validator;
    }

    private static final class InvalidMessage extends BerthProblem {
        InvalidMessage(List<FieldViolation> violations) {
            super(ProblemCode.REQUEST_INVALID, "The request has invalid fields: " + violations.stream()
                    .map(v -> v.getField() + " " + v.getMessage()).toList(), violations);
        }
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
        Set<ConstraintViolation<dev.berth.api.model.PolicyInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new InvalidMessage(violations.stream()
                    .map(v -> new FieldViolation().field(v.getPropertyPath().toString()).message(v.getMessage())).toList());
        }
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
        if (!slug.matches(SLUG) || slug.length() < 2 || slug.length() > 63) {
            throw new InvalidRequest("tenant", "not a tenant slug");
        }
        return slug;
    }
}
