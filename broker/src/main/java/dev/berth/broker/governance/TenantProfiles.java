package dev.berth.broker.governance;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import dev.berth.broker.db.Database;
import dev.berth.broker.db.Json;
import dev.berth.broker.problems.SpecMapLimits;
import jakarta.enterprise.context.ApplicationScoped;

/** Tenant labels (e.g. {@code residency=eu}, {@code tier=gold}) that policies and placement read. */
@ApplicationScoped
public class TenantProfiles {

    private final Database db;
    private final SpecMapLimits limits;

    TenantProfiles(Database db, SpecMapLimits limits) {
        this.db = db;
        this.limits = limits;
    }

    public Map<String, String> labels(String tenant) {
        return db.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT labels::text FROM tenant_profile WHERE tenant = ?")) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Json.stringMap(rs.getString(1)) : Map.<String, String>of();
                }
            }
        });
    }

    public Map<String, String> setLabels(String tenant, Map<String, String> labels) {
        // The body is the Labels map itself: REST and gRPC both come here, so the spec's limits are checked here.
        limits.check("Labels", "labels", labels);
        db.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO tenant_profile (tenant, labels) VALUES (?, ?::jsonb)
                    ON CONFLICT (tenant) DO UPDATE SET labels = EXCLUDED.labels, updated_at = now()""")) {
                ps.setString(1, tenant);
                ps.setString(2, Json.write(labels));
                return ps.executeUpdate();
            }
        });
        return labels(tenant);
    }
}
