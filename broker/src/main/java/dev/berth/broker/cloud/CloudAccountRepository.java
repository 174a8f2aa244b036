package dev.berth.broker.cloud;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.broker.db.Json;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL for the {@code cloud_account} table. Its targets are host rows ({@code HostRepository}). */
@ApplicationScoped
public class CloudAccountRepository {

    private static final String COLUMNS = "name, provider, regions, credentials, external_id, max_vcpu, max_memory_mib, "
            + "max_instances, max_disk_gib, catalogue::text, settings::text, labels::text, created_at, updated_at";

    public void insert(Connection c, CloudAccount a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cloud_account (name, provider, regions, credentials, "
                + "external_id, max_vcpu, max_memory_mib, max_instances, max_disk_gib, catalogue, settings, labels) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)")) {
            ps.setString(1, a.name());
            ps.setString(2, a.provider());
            bind(c, ps, 3, a);
            ps.executeUpdate();
        }
    }

    public void update(Connection c, CloudAccount a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE cloud_account SET regions = ?, credentials = ?, "
                + "external_id = ?, max_vcpu = ?, max_memory_mib = ?, max_instances = ?, max_disk_gib = ?, "
                + "catalogue = ?::jsonb, settings = ?::jsonb, labels = ?::jsonb, updated_at = now() WHERE name = ?")) {
            bind(c, ps, 1, a);
            ps.setString(11, a.name());
            ps.executeUpdate();
        }
    }

    /** The account, locked against concurrent updates and deletes until the transaction ends. */
    public Optional<CloudAccount> lock(Connection c, String name) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM cloud_account WHERE name = ? FOR UPDATE", name);
    }

    public Optional<CloudAccount> find(Connection c, String name) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM cloud_account WHERE name = ?", name);
    }

    /** Accounts by name, after {@code after} (keyset paging). */
    public List<CloudAccount> page(Connection c, Optional<String> after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cloud_account"
                + (after.isPresent() ? " WHERE name > ?" : "") + " ORDER BY name LIMIT ?")) {
            int i = 1;
            if (after.isPresent()) {
                ps.setString(i++, after.get());
            }
            ps.setInt(i, limit);
            List<CloudAccount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    public void delete(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM cloud_account WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    private static Optional<CloudAccount> one(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static void bind(Connection c, PreparedStatement ps, int from, CloudAccount a) throws SQLException {
        int i = from;
        ps.setArray(i++, c.createArrayOf("text", a.regions().toArray()));
        ps.setString(i++, a.credentials());
        ps.setString(i++, a.externalId().orElse(null));
        ps.setInt(i++, a.limits().maxVcpu());
        setLong(ps, i++, a.limits().maxMemoryMiB());
        ps.setInt(i++, a.limits().maxInstances());
        setLong(ps, i++, a.limits().maxDiskGiB());
        ps.setString(i++, a.catalogue().orElse(null));
        ps.setString(i++, Json.write(settings(a.settings())));
        ps.setString(i, Json.write(a.labels()));
    }

    private static void setLong(PreparedStatement ps, int i, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(i, value.get());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }

    private static CloudAccount read(ResultSet rs) throws SQLException {
        return new CloudAccount(rs.getString(1), rs.getString(2), Arrays.asList((String[]) rs.getArray(3).getArray()),
                rs.getString(4), Optional.ofNullable(rs.getString(5)),
                new CloudAccount.Limits(rs.getInt(6), optionalLong(rs, 7), rs.getInt(8), optionalLong(rs, 9)),
                Optional.ofNullable(rs.getString(10)), settings(Json.read(rs.getString(11), JsonNode.class)),
                Json.stringMap(rs.getString(12)), rs.getObject(13, OffsetDateTime.class),
                rs.getObject(14, OffsetDateTime.class));
    }

    private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static ObjectNode settings(CloudAccount.Settings s) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("subnetIds", Json.MAPPER.valueToTree(s.subnetIds()));
        node.set("securityGroupIds", Json.MAPPER.valueToTree(s.securityGroupIds()));
        node.set("kinds", Json.MAPPER.valueToTree(s.kinds()));
        s.cluster().ifPresent(v -> node.put("cluster", v));
        s.assignPublicIp().ifPresent(v -> node.put("assignPublicIp", v));
        s.endpointOverride().ifPresent(v -> node.put("endpointOverride", v));
        s.pollIntervalMillis().ifPresent(v -> node.put("pollIntervalMillis", v));
        s.waitTimeoutSeconds().ifPresent(v -> node.put("waitTimeoutSeconds", v));
        s.executionRoleArn().ifPresent(v -> node.put("executionRoleArn", v));
        s.instanceProfile().ifPresent(v -> node.put("instanceProfile", v));
        s.keyName().ifPresent(v -> node.put("keyName", v));
        return node;
    }

    private static CloudAccount.Settings settings(JsonNode n) {
        return new CloudAccount.Settings(strings(n.path("subnetIds")), strings(n.path("securityGroupIds")),
                text(n, "cluster"), strings(n.path("kinds")),
                n.has("assignPublicIp") ? Optional.of(n.path("assignPublicIp").asBoolean()) : Optional.empty(),
                text(n, "endpointOverride"),
                n.has("pollIntervalMillis") ? Optional.of(n.path("pollIntervalMillis").asInt()) : Optional.empty(),
                n.has("waitTimeoutSeconds") ? Optional.of(n.path("waitTimeoutSeconds").asInt()) : Optional.empty(),
                text(n, "executionRoleArn"), text(n, "instanceProfile"), text(n, "keyName"));
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.has(field) ? Optional.of(n.path(field).asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

}
