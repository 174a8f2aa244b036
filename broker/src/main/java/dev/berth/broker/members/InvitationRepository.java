package dev.berth.broker.members;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * SQL for {@code member_invitation}; every method runs inside the caller's transaction.
 * Expired rows are never returned; {@link #purgeExpired} removes them when the tenant's
 * invitations are next touched.
 */
@ApplicationScoped
public class InvitationRepository {

    private static final String COLUMNS = "id, tenant, group_id, username, tenant_admin, invited_by, created_at, expires_at";

    /** Inserts the invitation, replacing a pending one of the same person and tenant (its old token stops working). */
    public Invitation upsert(Connection c, String tenant, String groupId, String username, boolean tenantAdmin,
                             String tokenSha256, String actor, OffsetDateTime expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO member_invitation (id, tenant, group_id, username, tenant_admin, token_sha256, invited_by, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant, username) DO UPDATE SET id = EXCLUDED.id, group_id = EXCLUDED.group_id,
                    tenant_admin = EXCLUDED.tenant_admin, token_sha256 = EXCLUDED.token_sha256,
                    invited_by = EXCLUDED.invited_by, created_at = now(), expires_at = EXCLUDED.expires_at
                RETURNING\s""" + COLUMNS)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, tenant);
            ps.setString(3, groupId);
            ps.setString(4, username);
            ps.setBoolean(5, tenantAdmin);
            ps.setString(6, tokenSha256);
            ps.setString(7, actor);
            ps.setObject(8, expiresAt);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    /** Pending invitations of the tenant's current group, oldest first. */
    public List<Invitation> pending(Connection c, String tenant, String groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM member_invitation"
                + " WHERE tenant = ? AND group_id = ? AND expires_at > now() ORDER BY created_at, id")) {
            ps.setString(1, tenant);
            ps.setString(2, groupId);
            List<Invitation> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    public Optional<Invitation> byToken(Connection c, String tokenSha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM member_invitation"
                + " WHERE token_sha256 = ? AND expires_at > now()")) {
            ps.setString(1, tokenSha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Deletes a pending invitation of the tenant's current group; false if there is none (foreign, expired, gone). */
    public boolean delete(Connection c, UUID id, String tenant, String groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM member_invitation WHERE id = ? AND tenant = ? AND group_id = ? AND expires_at > now()")) {
            ps.setObject(1, id);
            ps.setString(2, tenant);
            ps.setString(3, groupId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Consumes the invitation behind a token; false if it was cancelled, replaced or used meanwhile. */
    public boolean consume(Connection c, UUID id, String tokenSha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM member_invitation WHERE id = ? AND token_sha256 = ? AND expires_at > now()")) {
            ps.setObject(1, id);
            ps.setString(2, tokenSha256);
            return ps.executeUpdate() == 1;
        }
    }

    public void purgeExpired(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM member_invitation WHERE tenant = ? AND expires_at <= now()")) {
            ps.setString(1, tenant);
            ps.executeUpdate();
        }
    }

    private static Invitation read(ResultSet rs) throws SQLException {
        return new Invitation(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getString("group_id"),
                rs.getString("username"), rs.getBoolean("tenant_admin"), rs.getString("invited_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class));
    }
}
