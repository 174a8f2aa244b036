package dev.berth.broker.usage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.berth.broker.db.Database;
import dev.berth.broker.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Usage reports (showback) for REST and gRPC: a tenant sees its own usage only, a platform
 * admin any tenant's or all of them together.
 */
@ApplicationScoped
public class UsageService {

    private final Database db;
    private final UsageRepository usage;
    private final Clock clock;

    UsageService(Database db, UsageRepository usage, Clock clock) {
        this.db = db;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * The caller's own tenant. Naming another tenant answers {@code tenant.not_found}, as for
     * any object of another tenant: whether it exists is not the caller's business.
     */
    public UsageReport forTenant(Caller caller, String tenant, Instant from, Instant to, List<String> groupBy) {
        String own = caller.requireTenant();
        if (tenant != null && !tenant.equals(own)) {
            throw new dev.berth.broker.tenants.TenantProblems.NotFound(tenant);
        }
        return report(Optional.of(own), from, to, groupBy);
    }

    /** One tenant ({@code tenant} non-null) or every tenant; for platform admins. */
    public UsageReport forAdmin(String tenant, Instant from, Instant to, List<String> groupBy) {
        return report(Optional.ofNullable(tenant), from, to, groupBy);
    }

    private UsageReport report(Optional<String> tenant, Instant from, Instant to, List<String> groupBy) {
        Instant now = clock.instant();
        UsageQuery query = UsageQuery.of(tenant, from, to, groupBy, now);
        List<UsageRow> exact = db.autoCommit(c -> usage.sum(c, query, now));
        UsageFigures totals = exact.stream().map(UsageRow::figures).reduce(UsageFigures.ZERO, UsageFigures::plus);
        List<UsageRow> rows = exact.stream().map(r -> new UsageRow(r.tenant(), r.kind(), r.providerClass(), r.hostId(),
                r.host(), r.day(), r.figures().rounded())).toList();
        return new UsageReport(query.from(), query.to(), tenant, query.groupBy(), rows, totals.rounded());
    }
}
