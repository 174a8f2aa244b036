package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** SQL for {@code tenant}; every method runs inside the caller's transaction. */
@ApplicationScoped
public class TenantRepository {

    private static final String COLUMNS = "slug, display_name, status, status_reason, group_id, group_created, "
            + "first_admin_username, first_admin_email, first_admin_first, first_admin_last, first_admin_user_id, "
            + "onboarded_at, created_at, updated_at";

    public Optional<Tenant> find(Connection c, String slug, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tenant WHERE slug = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<TenantStatus> status(Connection c, String slug) throws SQLException {
        return status(c, slug, "SELECT status FROM tenant WHERE slug = ?");
    }

    /**
     * As {@link #status}, holding a share lock on the row until the transaction ends: a
     * suspension (an UPDATE of the row) waits for the transaction, and one committed before
     * it is seen.
     */
    public Optional<TenantStatus> statusForShare(Connection c, String slug) throws SQLException {
        return status(c, slug, "SELECT status FROM tenant WHERE slug = ? FOR SHARE");
    }

    private static Optional<TenantStatus> status(Connection c, String slug, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(TenantStatus.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Inserts a PROVISIONING tenant, or starts over from a FAILED or DELETED row of the same slug. */
    public boolean insertProvisioning(Connection c, String slug, String displayName, Optional<Tenant.FirstAdmin> admin,
                                      String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tenant (slug, display_name, status, first_admin_username, first_admin_email,
                                    first_admin_first, first_admin_last, attempts, created_by)
                VALUES (?, ?, 'PROVISIONING', ?, ?, ?, ?, 1, ?)
                ON CONFLICT (slug) DO UPDATE SET display_name = EXCLUDED.display_name, status = 'PROVISIONING',
                    status_reason = NULL, group_id = NULL, group_created = false,
                    first_admin_username = EXCLUDED.first_admin_username, first_admin_email = EXCLUDED.first_admin_email,
                    first_admin_first = EXCLUDED.first_admin_first, first_admin_last = EXCLUDED.first_admin_last,
                    first_admin_user_id = NULL, onboarded_at = NULL, attempts = 1, created_by = EXCLUDED.created_by,
                    created_at = now(), updated_at = now()
                WHERE tenant.status IN ('FAILED', 'DELETED')""")) {
            ps.setString(1, slug);
            ps.setString(2, displayName);
            ps.setString(3, admin.map(Tenant.FirstAdmin::username).orElse(null));
            ps.setString(4, admin.map(Tenant.FirstAdmin::email).orElse(null));
            ps.setString(5, admin.map(Tenant.FirstAdmin::firstName).orElse(null));
            ps.setString(6, admin.map(Tenant.FirstAdmin::lastName).orElse(null));
            ps.setString(7, actor);
            return ps.executeUpdate() == 1;
        }
    }

    /** Tenants by slug after {@code afterSlug}; DELETED tombstones only when asked for by status. */
    public List<Tenant> page(Connection c, Optional<TenantStatus> status, String afterSlug, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tenant WHERE slug > ? AND "
                + (status.isPresent() ? "status = ?" : "status <> 'DELETED'") + " ORDER BY slug LIMIT ?")) {
            int i = 1;
            ps.setString(i++, afterSlug);
            if (status.isPresent()) {
                ps.setString(i++, status.get().name());
            }
            ps.setInt(i, limit);
            return list(ps);
        }
    }

    public List<Tenant> withStatus(Connection c, TenantStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tenant WHERE status = ? ORDER BY slug")) {
            ps.setString(1, status.name());
            return list(ps);
        }
    }

    public void setStatus(Connection c, String slug, TenantStatus status, String reason) throws SQLException {
        update(c, "UPDATE tenant SET status = ?, status_reason = ?, updated_at = now() WHERE slug = ?",
                status.name(), reason, slug);
    }

    public void setDisplayName(Connection c, String slug, String displayName) throws SQLException {
        update(c, "UPDATE tenant SET display_name = ?, updated_at = now() WHERE slug = ?", displayName, slug);
    }

    /** Records the group as soon as it is known, so that a crash right after still knows what to undo. */
    public void recordGroup(Connection c, String slug, String groupId, boolean created) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tenant SET group_id = ?, group_created = group_created OR ?, updated_at = now() WHERE slug = ?")) {
            ps.setString(1, groupId);
            ps.setBoolean(2, created);
            ps.setString(3, slug);
            ps.executeUpdate();
        }
    }

    public void forgetGroup(Connection c, String slug) throws SQLException {
        update(c, "UPDATE tenant SET group_id = NULL, group_created = false, updated_at = now() WHERE slug = ?", slug);
    }

    public void recordFirstAdmin(Connection c, String slug, String userId) throws SQLException {
        update(c, "UPDATE tenant SET first_admin_user_id = ?, updated_at = now() WHERE slug = ?", userId, slug);
    }

    /** Marks the tenant ACTIVE; true when this is its first time (then {@link TenantOnboarded} is due). */
    public boolean activate(Connection c, String slug) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE tenant SET status = 'ACTIVE', status_reason = NULL, updated_at = now(),
                    onboarded_at = coalesce(onboarded_at, now())
                WHERE slug = ? RETURNING onboarded_at = now() AS first_time""")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Takes over a PROVISIONING tenant untouched for {@code stale} (its request died), so that
     * exactly one replica retries it.
     */
    public boolean claimStale(Connection c, String slug, Duration stale) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE tenant SET attempts = attempts + 1, updated_at = now()
                WHERE slug = ? AND status = 'PROVISIONING' AND updated_at < now() - make_interval(secs => ?)""")) {
            ps.setString(1, slug);
            ps.setDouble(2, stale.toMillis() / 1000.0);
            return ps.executeUpdate() == 1;
        }
    }

    /** Live workloads of the tenant (neither DELETED nor FAILED: those hold nothing). */
    public int liveWorkloads(Connection c, String slug) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM workload WHERE tenant = ? AND status NOT IN ('DELETED', 'FAILED')")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static List<Tenant> list(PreparedStatement ps) throws SQLException {
        List<Tenant> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static Tenant read(ResultSet rs) throws SQLException {
        String adminUsername = rs.getString("first_admin_username");
        Optional<Tenant.FirstAdmin> admin = Optional.ofNullable(adminUsername).map(u -> {
            try {
                return new Tenant.FirstAdmin(u, rs.getString("first_admin_email"), rs.getString("first_admin_first"),
                        rs.getString("first_admin_last"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return new Tenant(rs.getString("slug"), rs.getString("display_name"), TenantStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), Optional.ofNullable(rs.getString("group_id")), rs.getBoolean("group_created"),
                admin, Optional.ofNullable(rs.getString("first_admin_user_id")), rs.getObject("onboarded_at") != null,
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
