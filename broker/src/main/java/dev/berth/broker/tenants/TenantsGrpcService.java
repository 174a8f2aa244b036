package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.util.List;
import java.util.Optional;

import dev.berth.api.model.TenantCreate;
import dev.berth.api.model.TenantUpdate;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.grpc.v1.CreateTenantRequest;
import dev.berth.grpc.v1.CreateTenantResponse;
import dev.berth.grpc.v1.DeleteTenantRequest;
import dev.berth.grpc.v1.DeleteTenantResponse;
import dev.berth.grpc.v1.InitialCredentials;
import dev.berth.grpc.v1.ListTenantsRequest;
import dev.berth.grpc.v1.ListTenantsResponse;
import dev.berth.grpc.v1.RepairTenantsRequest;
import dev.berth.grpc.v1.TenantRepairAction;
import dev.berth.grpc.v1.TenantRepairReport;
import dev.berth.grpc.v1.TenantRequest;
import dev.berth.grpc.v1.Tenants;
import dev.berth.grpc.v1.UnmanagedTenantGroup;
import dev.berth.grpc.v1.UpdateTenantRequest;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** gRPC adapter for tenant administration: the same service and validation as {@link TenantsResource}. */
@GrpcService
@Blocking
@RolesAllowed(PLATFORM_ADMIN)
public class TenantsGrpcService implements Tenants {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final TenantService tenants;
    private final TenantRepair repair;
    private final Validator validator;

    TenantsGrpcService(SecurityIdentity identity, CallerResolver callers, TenantService tenants, TenantRepair repair,
                       Validator validator) {
        this.identity = identity;
        this.callers = callers;
        this.tenants = tenants;
        this.repair = repair;
        this.validator = validator;
    }

    @Override
    public Uni<CreateTenantResponse> createTenant(CreateTenantRequest r) {
        TenantCreate model = new TenantCreate().slug(r.getSlug()).displayName(r.getDisplayName())
                .labels(r.getLabelsMap().isEmpty() ? null : r.getLabelsMap());
        if (r.hasFirstAdmin()) {
            model.firstAdmin(new dev.berth.api.model.FirstAdmin().username(r.getFirstAdmin().getUsername())
                    .email(r.getFirstAdmin().getEmail())
                    .firstName(GrpcArguments.emptyToNull(r.getFirstAdmin().getFirstName()))
                    .lastName(GrpcArguments.emptyToNull(r.getFirstAdmin().getLastName())));
        }
        ModelValidation.valid(validator, model);
        TenantService.Created created = tenants.create(caller(), TenantMapper.request(model));
        CreateTenantResponse.Builder out = CreateTenantResponse.newBuilder().setTenant(toProto(created.tenant()));
        created.firstAdmin().ifPresent(c -> out.setFirstAdmin(InitialCredentials.newBuilder().setUserId(c.userId())
                .setUsername(c.username()).setTemporaryPassword(c.temporaryPassword())));
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<ListTenantsResponse> listTenants(ListTenantsRequest r) {
        if (r.getPageSize() < 0 || r.getPageSize() > 200) {
            throw new InvalidRequest("page_size", "must be between 1 and 200");
        }
        Optional<TenantStatus> status = Optional.of(r.getStatus()).filter(s -> !s.isEmpty()).map(s -> {
            try {
                return TenantStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("status", "unknown status '" + s + "'");
            }
        });
        int size = r.getPageSize() == 0 ? 50 : r.getPageSize();
        List<Tenant> page = tenants.page(status, TenantMapper.afterSlug(r.getPageToken()), size + 1);
        ListTenantsResponse.Builder out = ListTenantsResponse.newBuilder();
        page.stream().limit(size).forEach(t -> out.addItems(toProto(t)));
        if (page.size() > size) {
            out.setNextPageToken(TenantMapper.pageToken(page.get(size - 1).slug()));
        }
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<dev.berth.grpc.v1.Tenant> getTenant(TenantRequest r) {
        return Uni.createFrom().item(toProto(tenants.get(GrpcArguments.slug("tenant", r.getTenant()))));
    }

    @Override
    public Uni<dev.berth.grpc.v1.Tenant> updateTenant(UpdateTenantRequest r) {
        String slug = GrpcArguments.slug("tenant", r.getTenant());
        TenantUpdate update = new TenantUpdate().displayName(GrpcArguments.emptyToNull(r.getDisplayName()));
        if (!r.getStatus().isEmpty()) {
            try {
                update.status(TenantUpdate.StatusEnum.fromValue(r.getStatus()));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("status", "must be ACTIVE or SUSPENDED");
            }
        }
        ModelValidation.valid(validator, update);
        Caller caller = caller();
        Tenant t = tenants.get(slug);
        if (update.getDisplayName() != null) {
            t = tenants.rename(caller, slug, update.getDisplayName());
        }
        if (update.getStatus() != null) {
            t = update.getStatus() == TenantUpdate.StatusEnum.SUSPENDED ? tenants.suspend(caller, slug) : tenants.resume(caller, slug);
        }
        return Uni.createFrom().item(toProto(t));
    }

    @Override
    public Uni<DeleteTenantResponse> deleteTenant(DeleteTenantRequest r) {
        DeleteTenantResponse.Builder out = DeleteTenantResponse.newBuilder();
        tenants.delete(caller(), GrpcArguments.slug("tenant", r.getTenant()), r.getCascade())
                .ifPresent(t -> out.setTenant(toProto(t)));
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<dev.berth.grpc.v1.Tenant> suspendTenant(TenantRequest r) {
        return Uni.createFrom().item(toProto(tenants.suspend(caller(), GrpcArguments.slug("tenant", r.getTenant()))));
    }

    @Override
    public Uni<dev.berth.grpc.v1.Tenant> resumeTenant(TenantRequest r) {
        return Uni.createFrom().item(toProto(tenants.resume(caller(), GrpcArguments.slug("tenant", r.getTenant()))));
    }

    @Override
    public Uni<TenantRepairReport> repairTenants(RepairTenantsRequest r) {
        TenantRepair.Report report = repair.repair();
        TenantRepairReport.Builder out = TenantRepairReport.newBuilder().setChecked(report.checked());
        report.actions().forEach(a -> out.addActions(TenantRepairAction.newBuilder().setTenant(a.tenant())
                .setAction(a.action()).setDetail(a.detail())));
        report.unmanaged().forEach(u -> out.addUnmanaged(UnmanagedTenantGroup.newBuilder().setPath(u.path())
                .setGroupId(u.groupId()).setTenantClaim(u.tenantClaim().orElse(""))));
        return Uni.createFrom().item(out.build());
    }

    private dev.berth.grpc.v1.Tenant toProto(Tenant t) {
        dev.berth.grpc.v1.Tenant.Builder b = dev.berth.grpc.v1.Tenant.newBuilder().setSlug(t.slug())
                .setDisplayName(t.displayName()).setStatus(t.status().name())
                .putAllLabels(tenants.labels(t.slug()))
                .setCreatedAt(GrpcArguments.timestamp(t.createdAt())).setUpdatedAt(GrpcArguments.timestamp(t.updatedAt()));
        if (t.statusReason() != null) {
            b.setStatusReason(t.statusReason());
        }
        t.groupId().ifPresent(b::setGroupId);
        t.firstAdmin().ifPresent(a -> b.setFirstAdminUsername(a.username()));
        return b.build();
    }

    private Caller caller() {
        return callers.resolve(identity);
    }
}
