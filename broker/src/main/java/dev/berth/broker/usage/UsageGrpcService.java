package dev.berth.broker.usage;

import java.math.BigDecimal;
import java.time.Instant;

import com.google.protobuf.Timestamp;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.security.CallerResolver;
import dev.berth.grpc.v1.GetAdminUsageRequest;
import dev.berth.grpc.v1.GetUsageRequest;
import dev.berth.grpc.v1.Usage;
import dev.berth.grpc.v1.UsageGroup;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** gRPC adapter for usage reports; the same service and rules as {@link UsageResource} and {@link AdminUsageResource}. */
@GrpcService
@Blocking
public class UsageGrpcService implements Usage {


    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final UsageService usage;

    UsageGrpcService(SecurityIdentity identity, CallerResolver callers, UsageService usage) {
        this.identity = identity;
        this.callers = callers;
        this.usage = usage;
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN})
    public Uni<dev.berth.grpc.v1.UsageReport> getUsage(GetUsageRequest r) {
        return Uni.createFrom().item(toProto(usage.forTenant(callers.resolve(identity), tenant(r.getTenant()),
                r.hasFrom() ? instant(r.getFrom(), "from") : null, r.hasTo() ? instant(r.getTo(), "to") : null,
                r.getGroupByList())));
    }

    @Override
    @RolesAllowed(PLATFORM_ADMIN)
    public Uni<dev.berth.grpc.v1.UsageReport> getAdminUsage(GetAdminUsageRequest r) {
        return Uni.createFrom().item(toProto(usage.forAdmin(tenant(r.getTenant()),
                r.hasFrom() ? instant(r.getFrom(), "from") : null, r.hasTo() ? instant(r.getTo(), "to") : null,
                r.getGroupByList())));
    }

    /** Empty = not given; anything else must be a tenant slug, as over REST. */
    private static String tenant(String slug) {
        if (slug.isEmpty()) {
            return null;
        }
        if (!dev.berth.tenants.Slug.isValid(slug)) {
            throw new InvalidRequest("tenant", "not a tenant slug");
        }
        return slug;
    }

    private static Instant instant(Timestamp t, String field) {
        if (t.getNanos() < 0 || t.getNanos() > 999_999_999) {
            throw new InvalidRequest(field, "not a valid timestamp");
        }
        try {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
        } catch (java.time.DateTimeException e) {
            throw new InvalidRequest(field, "not a valid timestamp");
        }
    }

    private static dev.berth.grpc.v1.UsageReport toProto(UsageReport report) {
        dev.berth.grpc.v1.UsageReport.Builder b = dev.berth.grpc.v1.UsageReport.newBuilder()
                .setFrom(timestamp(report.from())).setTo(timestamp(report.to()))
                .setTenant(report.tenant().orElse("")).setTotals(figures(report.totals()));
        report.groupBy().forEach(d -> b.addGroupBy(d.apiName()));
        for (UsageRow row : report.rows()) {
            b.addGroups(UsageGroup.newBuilder().setTenant(orEmpty(row.tenant())).setKind(orEmpty(row.kind()))
                    .setProviderClass(orEmpty(row.providerClass()))
                    .setHostId(row.hostId() == null ? "" : row.hostId().toString()).setHost(orEmpty(row.host()))
                    .setDay(row.day() == null ? "" : row.day().toString()).setFigures(figures(row.figures())));
        }
        return b.build();
    }

    private static dev.berth.grpc.v1.UsageFigures figures(UsageFigures f) {
        return dev.berth.grpc.v1.UsageFigures.newBuilder().setVcpuHours(plain(f.vcpuHours()))
                .setMemoryGibHours(plain(f.memoryGiBHours())).setDiskGibHours(plain(f.diskGiBHours()))
                .setInstanceHours(plain(f.instanceHours())).setCost(plain(f.cost())).build();
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
