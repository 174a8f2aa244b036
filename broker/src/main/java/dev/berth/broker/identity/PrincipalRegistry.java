package dev.berth.broker.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import dev.berth.broker.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/** Remembers every principal that has called Berth: first and last seen, tenant, client. */
@ApplicationScoped
public class PrincipalRegistry {

    private static final String UPSERT = """
            INSERT INTO principal (subject, username, tenant, client_id, service_account)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (subject) DO UPDATE
               SET username = EXCLUDED.username,
                   tenant = EXCLUDED.tenant,
                   client_id = EXCLUDED.client_id,
                   service_account = EXCLUDED.service_account,
                   last_seen_at = now()
            RETURNING first_seen_at
            """;

    private final DataSource dataSource;

    PrincipalRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records that the caller was seen now; returns when it was first seen. */
    public OffsetDateTime recordSeen(Caller caller) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, caller.subject());
            ps.setString(2, caller.username());
            ps.setString(3, caller.tenant().orElse(null));
            ps.setString(4, caller.clientId());
            ps.setBoolean(5, caller.serviceAccount());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record principal " + caller.subject(), e);
        }
    }
}
