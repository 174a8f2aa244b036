package dev.berth.broker.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.policies.Policy;
import dev.berth.policies.PolicyEffect;
import dev.berth.policies.PolicyMode;
import dev.berth.policies.PolicyScope;
import dev.berth.policies.PolicyStage;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL for {@code policy} (current versions) and {@code policy_version} (every version ever saved). */
@ApplicationScoped
public class PolicyStore {

    private static final String COLUMNS = "id, name, description, tenant, stage, expression, effect, mode, message, "
            + "version, enabled, deleted, updated_by, updated_at";

    /** Saves a new current version and appends it to the history. */
    public void save(Connection c, Policy p, boolean deleted, String by) throws SQLException {
        for (String table : new String[] {"policy", "policy_version"}) {
            String sql = "INSERT INTO " + table + " (" + COLUMNS.replace(", updated_at", "") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + (table.equals("policy") ? " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
                    + "description = EXCLUDED.description, tenant = EXCLUDED.tenant, stage = EXCLUDED.stage, "
                    + "expression = EXCLUDED.expression, effect = EXCLUDED.effect, mode = EXCLUDED.mode, "
                    + "message = EXCLUDED.message, version = EXCLUDED.version, enabled = EXCLUDED.enabled, "
                    + "deleted = EXCLUDED.deleted, updated_by = EXCLUDED.updated_by, updated_at = now()" : "");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, p.id());
                ps.setString(2, p.name());
                ps.setString(3, p.description());
                ps.setString(4, p.scope().tenant());
                ps.setString(5, p.stage().name());
                ps.setString(6, p.expression());
                ps.setString(7, p.effect().name());
                ps.setString(8, p.mode().name());
                ps.setString(9, p.message());
                ps.setLong(10, p.version());
                ps.setBoolean(11, p.enabled());
                ps.setBoolean(12, deleted);
                ps.setString(13, by);
                ps.executeUpdate();
            }
        }
    }

    public Optional<StoredPolicy> current(Connection c, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM policy WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, id);
            List<StoredPolicy> found = readAll(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** Current, not deleted policies. */
    public List<StoredPolicy> active(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM policy WHERE NOT deleted ORDER BY id")) {
            return readAll(ps);
        }
    }

    public List<StoredPolicy> history(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM policy_version WHERE id = ? ORDER BY version")) {
            ps.setString(1, id);
            return readAll(ps);
        }
    }

    private static List<StoredPolicy> readAll(PreparedStatement ps) throws SQLException {
        List<StoredPolicy> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Policy p = Policy.builder(rs.getString(1)).name(rs.getString(2)).description(rs.getString(3))
                        .scope(rs.getString(4) == null ? PolicyScope.global() : PolicyScope.tenant(rs.getString(4)))
                        .stage(PolicyStage.valueOf(rs.getString(5))).expression(rs.getString(6))
                        .effect(PolicyEffect.valueOf(rs.getString(7))).mode(PolicyMode.valueOf(rs.getString(8)))
                        .message(rs.getString(9)).version(rs.getLong(10)).enabled(rs.getBoolean(11)).build();
                out.add(new StoredPolicy(p, rs.getBoolean(12), rs.getString(13), rs.getObject(14, OffsetDateTime.class)));
            }
        }
        return out;
    }
}
