package dev.berth.broker.tenants;

import dev.berth.tenants.TenantStatus;

import java.sql.Connection;
import java.sql.SQLException;

import dev.berth.broker.db.Database;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a tenant's callers may create things or change their lifecycle now. Reads and
 * deletions are never gated (a suspended tenant can still shed cost). A tenant with no row
 * is a realm tenant Berth does not manage yet (legacy-active): it is let through.
 */
@ApplicationScoped
public class TenantGate {

    private final Database db;
    private final TenantRepository tenants;

    TenantGate(Database db, TenantRepository tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    /** Throws {@code 403 tenant.suspended} or {@code 403 tenant.inactive} unless the tenant may change things. */
    public void requireActive(String tenant) {
        check(tenant, db.autoCommit(c -> tenants.status(c, tenant)).orElse(TenantStatus.ACTIVE));
    }

    /**
     * As {@link #requireActive(String)}, inside the transaction that commits the change, with
     * the tenant's row share-locked until it ends: a create racing a suspension either commits
     * before the suspension does or sees it — never admitted after it. (The check without a
     * connection stays as the cheap early answer, before placement work.)
     */
    public void requireActive(Connection c, String tenant) throws SQLException {
        check(tenant, tenants.statusForShare(c, tenant).orElse(TenantStatus.ACTIVE));
    }

    private static void check(String tenant, TenantStatus status) {
        switch (status) {
            case ACTIVE -> { }
            case SUSPENDED -> throw new TenantProblems.Suspended(tenant);
            default -> throw new TenantProblems.Inactive(tenant, status);
        }
    }
}
