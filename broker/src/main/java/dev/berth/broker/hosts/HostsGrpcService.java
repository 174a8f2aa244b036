package dev.berth.broker.hosts;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.Timestamp;
import dev.berth.api.model.HostCapacity;
import dev.berth.api.model.HostCreate;
import dev.berth.api.model.HostDriver;
import dev.berth.api.model.HostUpdate;
import dev.berth.api.model.Overcommit;
import dev.berth.api.model.QuotaLimits;
import dev.berth.broker.db.PageToken;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.broker.quota.QuotaService;
import dev.berth.tenants.quota.TenantQuota;
import dev.berth.grpc.v1.Admin;
import dev.berth.grpc.v1.HostRequest;
import dev.berth.grpc.v1.ListHostsRequest;
import dev.berth.grpc.v1.ListHostsResponse;
import dev.berth.grpc.v1.OvercommitMilli;
import dev.berth.grpc.v1.Quota;
import dev.berth.grpc.v1.RegisterHostRequest;
import dev.berth.grpc.v1.RemoveHostResponse;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.SetTenantQuotaRequest;
import dev.berth.grpc.v1.TenantQuotaRequest;
import dev.berth.grpc.v1.UpdateHostRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/**
 * gRPC adapter for platform administration (hosts, tenant quotas): the same services and
 * the same validation (the REST models' constraints) as the admin REST resources.
 */
@GrpcService
@Blocking
@RolesAllowed(PLATFORM_ADMIN)
public class HostsGrpcService implements Admin {

    private final HostService hosts;
    private final QuotaService quotas;
    private final Validator validator;

    HostsGrpcService(HostService hosts, QuotaService quotas, Validator validator) {
        this.hosts = hosts;
        this.quotas = quotas;
        this.validator = validator;
    }

    @Override
    public Uni<dev.berth.grpc.v1.Host> registerHost(RegisterHostRequest r) {
        HostCreate create = new HostCreate().name(r.getName()).endpoint(r.getEndpoint())
                .labels(r.getLabelsMap().isEmpty() ? null : r.getLabelsMap())
                .options(r.getOptionsMap().isEmpty() ? null : r.getOptionsMap())
                .capacity(r.hasCapacity() ? capacity(r.getCapacity()) : null)
                .overcommit(r.hasOvercommit() ? overcommit(r.getOvercommit()) : null);
        try {
            create.driver(HostDriver.fromValue(r.getDriver()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("driver", "unknown driver '" + r.getDriver() + "'");
        }
        validate(create);
        return Uni.createFrom().item(toProto(hosts.register(create)));
    }

    @Override
    public Uni<ListHostsResponse> listHosts(ListHostsRequest r) {
        if (r.getPageSize() < 0 || r.getPageSize() > 200) {
            throw new InvalidRequest("page_size", "must be between 1 and 200");
        }
        int size = r.getPageSize() == 0 ? 50 : r.getPageSize();
        List<Host> page = hosts.page(PageToken.decode(r.getPageToken()), size + 1);
        ListHostsResponse.Builder out = ListHostsResponse.newBuilder();
        page.stream().limit(size).forEach(h -> out.addItems(toProto(h)));
        if (page.size() > size) {
            Host last = page.get(size - 1);
            out.setNextPageToken(new PageToken(last.createdAt(), last.id()).encode());
        }
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<dev.berth.grpc.v1.Host> getHost(HostRequest r) {
        return Uni.createFrom().item(toProto(hosts.get(id(r.getHostId()))));
    }

    @Override
    public Uni<dev.berth.grpc.v1.Host> updateHost(UpdateHostRequest r) {
        HostUpdate update = new HostUpdate()
                .capacity(r.hasCapacity() ? capacity(r.getCapacity()) : null)
                .overcommit(r.hasOvercommit() ? overcommit(r.getOvercommit()) : null)
                .labels(r.getReplaceLabels() ? r.getLabelsMap() : null);
        validate(update);
        return Uni.createFrom().item(toProto(hosts.update(id(r.getHostId()), update)));
    }

    @Override
    public Uni<RemoveHostResponse> removeHost(HostRequest r) {
        hosts.remove(id(r.getHostId()));
        return Uni.createFrom().item(RemoveHostResponse.getDefaultInstance());
    }

    @Override
    public Uni<dev.berth.grpc.v1.Host> cordonHost(HostRequest r) {
        return Uni.createFrom().item(toProto(hosts.setCordoned(id(r.getHostId()), true)));
    }

    @Override
    public Uni<dev.berth.grpc.v1.Host> uncordonHost(HostRequest r) {
        return Uni.createFrom().item(toProto(hosts.setCordoned(id(r.getHostId()), false)));
    }

    @Override
    public Uni<Quota> getTenantQuota(TenantQuotaRequest r) {
        return Uni.createFrom().item(toProto(quotas.get(tenant(r.getTenant()))));
    }

    @Override
    public Uni<Quota> setTenantQuota(SetTenantQuotaRequest r) {
        Integer snapshots = r.hasSnapshots() ? r.getSnapshots() : null;
        QuotaLimits limits = new QuotaLimits().vcpu(BigDecimal.valueOf(r.getLimits().getMilliCpu(), 3))
                .memoryMiB(r.getLimits().getMemoryMib()).diskGiB(r.getLimits().getDiskGib()).instances(r.getInstances())
                .snapshots(snapshots)
                .monthlyBudget(r.hasMonthlyBudgetMicros() ? BigDecimal.valueOf(r.getMonthlyBudgetMicros(), 6) : null)
                .unlimitedMonthlyBudget(r.getUnlimitedMonthlyBudget() ? Boolean.TRUE : null);
        validate(limits);
        dev.berth.provider.spi.Resources resources = new dev.berth.provider.spi.Resources(
                r.getLimits().getMilliCpu(), r.getLimits().getMemoryMib(), r.getLimits().getDiskGib());
        return Uni.createFrom().item(toProto(quotas.set(tenant(r.getTenant()), resources, r.getInstances(), snapshots,
                dev.berth.broker.quota.QuotaMapper.budget(limits))));
    }

    private <T> void validate(T model) {
        ModelValidation.valid(validator, model);
    }

    private static String tenant(String slug) {
        if (!dev.berth.tenants.Slug.isValid(slug)) {
            throw new InvalidRequest("tenant", "not a tenant slug");
        }
        return slug;
    }

    private static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("host_id", "not a UUID");
        }
    }

    private static HostCapacity capacity(Resources r) {
        return new HostCapacity().vcpu(r.getMilliCpu() == 0 ? null : BigDecimal.valueOf(r.getMilliCpu(), 3))
                .memoryMiB(r.getMemoryMib() == 0 ? null : r.getMemoryMib()).diskGiB(r.getDiskGib());
    }

    private static Overcommit overcommit(OvercommitMilli o) {
        return new Overcommit().cpu(o.getCpu() == 0 ? null : BigDecimal.valueOf(o.getCpu(), 3))
                .memory(o.getMemory() == 0 ? null : BigDecimal.valueOf(o.getMemory(), 3))
                .disk(o.getDisk() == 0 ? null : BigDecimal.valueOf(o.getDisk(), 3));
    }

    private static Resources resources(dev.berth.provider.spi.Resources r) {
        return Resources.newBuilder().setMilliCpu(r.milliCpu()).setMemoryMib(r.memoryMiB()).setDiskGib(r.diskGiB()).build();
    }

    static dev.berth.grpc.v1.Host toProto(Host h) {
        dev.berth.grpc.v1.Host.Builder b = dev.berth.grpc.v1.Host.newBuilder()
                .setId(h.id().toString()).setName(h.name()).setDriver(h.driver()).setEndpoint(h.endpoint())
                .putAllLabels(h.labels()).setCapacity(resources(h.capacity()))
                .setOvercommit(OvercommitMilli.newBuilder()
                        .setCpu(h.overcommit().cpu().movePointRight(3).longValue())
                        .setMemory(h.overcommit().memory().movePointRight(3).longValue())
                        .setDisk(h.overcommit().disk().movePointRight(3).longValue()))
                .setAllocatable(resources(h.allocatable())).setAllocated(resources(h.allocated()))
                .setInstances(h.instances()).setCordoned(h.cordoned()).setHealth(h.health().name())
                .setHealthDetail(h.healthDetail() == null ? "" : h.healthDetail())
                .setVersion(h.engineVersion() == null ? "" : h.engineVersion());
        h.supportedKinds().stream().sorted().forEach(k -> b.addSupportedKinds(k.name().toLowerCase()));
        b.setDiskEnforced(h.diskEnforced());
        if (h.maxInstances() != null) {
            b.setMaxInstances(h.maxInstances());
        }
        if (h.createdAt() != null) {
            b.setCreatedAt(Timestamp.newBuilder().setSeconds(h.createdAt().toEpochSecond()).setNanos(h.createdAt().getNano()));
        }
        return b.build();
    }

    private static Quota toProto(TenantQuota q) {
        return dev.berth.broker.quota.QuotaProtos.toProto(q);
    }

}
