package dev.berth.broker.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.broker.db.Database;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Idempotency keys, scoped to the tenant. A request first claims its key in its own short
 * transaction ({@link #claim}); the mutation then records its response in the mutation's
 * own transaction ({@link #complete}), so "workload created" and "key answered" commit
 * together or not at all. A rejected request releases its key ({@link #release}) so the
 * client can correct and retry with the same key. A claim left by a broker that died is
 * taken over once {@code berth.idempotency.abandon-after} has passed.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** Canonical JSON (sorted map keys) so equal bodies hash equally. */
    private static final ObjectMapper CANONICAL = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Database db;
    private final Duration ttl;
    private final Duration abandonAfter;

    IdempotencyKeys(Database db,
                    @ConfigProperty(name = "berth.idempotency.ttl", defaultValue = "24H") Duration ttl,
                    @ConfigProperty(name = "berth.idempotency.abandon-after", defaultValue = "60S") Duration abandonAfter) {
        this.db = db;
        this.ttl = ttl;
        this.abandonAfter = abandonAfter;
    }

    /** Fingerprint of a request: operation, target and canonical body. */
    public static String fingerprint(String operation, Object target, Object body) {
        try {
            String text = operation + "\n" + target + "\n" + (body == null ? "" : CANONICAL.writeValueAsString(body));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Claims the key for this request. Empty: the caller owns it and must {@link #complete}
     * or {@link #release} it. Present: the stored first response, to replay.
     */
    public Optional<StoredResponse> claim(String tenant, String key, String fingerprint) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO idempotency_key AS k (tenant, key, request_hash, state, expires_at)
                    VALUES (?, ?, ?, 'IN_FLIGHT', now() + make_interval(secs => ?))
                    ON CONFLICT (tenant, key) DO UPDATE
                       SET request_hash = EXCLUDED.request_hash, state = 'IN_FLIGHT', created_at = now(),
                           expires_at = EXCLUDED.expires_at, response_status = NULL, response_body = NULL,
                           response_location = NULL
                     WHERE k.expires_at < now()
                        OR (k.state = 'IN_FLIGHT' AND k.request_hash = EXCLUDED.request_hash
                            AND k.created_at < now() - make_interval(secs => ?))""")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                ps.setString(3, fingerprint);
                ps.setDouble(4, ttl.toSeconds());
                ps.setDouble(5, abandonAfter.toSeconds());
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            return Optional.of(existing(c, tenant, key, fingerprint));
        });
    }

    private static StoredResponse existing(Connection c, String tenant, String key, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT request_hash, state, response_status, response_body, response_location
                FROM idempotency_key WHERE tenant = ? AND key = ?""")) {
            ps.setString(1, tenant);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // Released between our insert attempt and this read: treat as still busy.
                    throw new IdempotencyProblems.InFlight(key);
                }
                if (!rs.getString(1).equals(fingerprint)) {
                    throw new IdempotencyProblems.KeyReused(key);
                }
                if (!"DONE".equals(rs.getString(2))) {
                    throw new IdempotencyProblems.InFlight(key);
                }
                return new StoredResponse(rs.getInt(3), rs.getString(4), rs.getString(5));
            }
        }
    }

    /** Records the response, inside the transaction of the mutation it answers. */
    public void complete(Connection c, String tenant, String key, StoredResponse response) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE idempotency_key SET state = 'DONE', response_status = ?, response_body = ?, response_location = ?
                WHERE tenant = ? AND key = ?""")) {
            ps.setInt(1, response.status());
            ps.setString(2, response.body());
            ps.setString(3, response.location());
            ps.setString(4, tenant);
            ps.setString(5, key);
            ps.executeUpdate();
        }
    }

    /** Forgets a claim whose request was rejected or failed. */
    public void release(String tenant, String key) {
        db.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM idempotency_key WHERE tenant = ? AND key = ? AND state = 'IN_FLIGHT'")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                return ps.executeUpdate();
            }
        });
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        db.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_key WHERE expires_at < now()")) {
                return ps.executeUpdate();
            }
        });
    }

    public static String toJson(Object body) {
        try {
            return dev.berth.broker.db.Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
