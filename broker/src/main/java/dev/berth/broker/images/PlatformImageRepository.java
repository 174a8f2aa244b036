package dev.berth.broker.images;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.db.Json;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code platform_image} rows (V13). */
@ApplicationScoped
public class PlatformImageRepository {

    private static final String COLUMNS = "id, name, kind, artefacts::text, host_ids, description, created_at";

    public void insert(Connection c, PlatformImage image) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform_image (id, name, kind, artefacts, host_ids, "
                + "description) VALUES (?, ?, ?, ?::jsonb, ?, ?)")) {
            ps.setObject(1, image.id());
            ps.setString(2, image.name());
            ps.setString(3, image.kind().name());
            ps.setString(4, Json.write(image.artefacts()));
            ps.setArray(5, c.createArrayOf("uuid", image.hostIds().toArray()));
            ps.setString(6, image.description());
            ps.executeUpdate();
        }
    }

    public List<PlatformImage> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM platform_image ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<PlatformImage> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }
    }

    public Optional<PlatformImage> find(Connection c, UUID id) throws SQLException {
        return one(c, "id", id);
    }

    public Optional<PlatformImage> findByName(Connection c, String name) throws SQLException {
        return one(c, "name", name);
    }

    public boolean delete(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM platform_image WHERE id = ?")) {
            ps.setObject(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private Optional<PlatformImage> one(Connection c, String column, Object value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM platform_image WHERE " + column + " = ?")) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static PlatformImage read(ResultSet rs) throws SQLException {
        Array hosts = rs.getArray(5);
        UUID[] hostIds = hosts == null ? new UUID[0] : (UUID[]) hosts.getArray();
        return new PlatformImage(rs.getObject(1, UUID.class), rs.getString(2), WorkloadKind.valueOf(rs.getString(3)),
                Json.stringMap(rs.getString(4)), Set.copyOf(Arrays.asList(hostIds)), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class));
    }
}
