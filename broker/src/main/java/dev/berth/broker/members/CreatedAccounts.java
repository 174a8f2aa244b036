package dev.berth.broker.members;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The record of which accounts Berth created for which tenant ({@code member_account}, plus
 * the tenant's first admin in {@code tenant.first_admin_user_id}). Kept in PostgreSQL rather
 * than as a Keycloak user attribute: the realm's user profile drops undeclared attributes,
 * declaring one needs {@code manage-realm} (more than the broker's client holds), and
 * Keycloak attributes can be edited by any realm admin. Every method runs inside the
 * caller's transaction.
 */
@ApplicationScoped
public class CreatedAccounts {

    public void record(Connection c, String userId, String tenant, String groupId, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO member_account (user_id, tenant, group_id, created_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET tenant = EXCLUDED.tenant, group_id = EXCLUDED.group_id,
                    created_by = EXCLUDED.created_by, created_at = now()""")) {
            ps.setString(1, userId);
            ps.setString(2, tenant);
            ps.setString(3, groupId);
            ps.setString(4, actor);
            ps.executeUpdate();
        }
    }

    /**
     * True when Berth created the account for this tenant: through the members route while
     * the tenant had this very group, or as the first admin of the tenant's live row.
     */
    public boolean createdFor(Connection c, String userId, String tenant, String groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 1 FROM member_account WHERE user_id = ? AND tenant = ? AND group_id = ?
                UNION ALL
                SELECT 1 FROM tenant WHERE slug = ? AND first_admin_user_id = ? AND status <> 'DELETED'""")) {
            ps.setString(1, userId);
            ps.setString(2, tenant);
            ps.setString(3, groupId);
            ps.setString(4, tenant);
            ps.setString(5, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
