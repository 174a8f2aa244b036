package dev.berth.broker.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.broker.db.Database;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Idempotency keys, scoped to the tenant. A request first claims its key in its own short
 * transaction ({@link #claim}); the mutation then records its response in the mutation's
 * own transaction ({@link #complete}), so "workload created" and "key answered" commit
 * together or not at all. A request that fails releases its key ({@link #release}) so the
 * client can correct and retry with the same key.
 *
 * <p>A key in flight is a lease ({@code berth.idempotency.in-flight-lease}), renewed by this
 * replica's heartbeat while the request runs: a key whose request died with its replica frees
 * within one lease. Each claim carries a token; {@link #complete} records an answer only under
 * the token that still holds the key, so a request that lost its key to a takeover (it stalled
 * past its lease) rolls its mutation back instead of committing a second one.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /** Canonical JSON (sorted map keys) so equal bodies hash equally. */
    private static final ObjectMapper CANONICAL = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Database db;
    private final IdempotencySettings settings;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heartbeat;

    IdempotencyKeys(Database db, IdempotencySettings settings) {
        this.db = db;
        this.settings = settings;
        if (settings.heartbeat().multipliedBy(2).compareTo(settings.inFlightLease()) > 0) {
            throw new IllegalArgumentException("berth.idempotency.heartbeat (" + settings.heartbeat()
                    + ") must be at most half of berth.idempotency.in-flight-lease (" + settings.inFlightLease() + ")");
        }
    }

    @PostConstruct
    void startHeartbeat() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-idempotency-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::renewHeld, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopHeartbeat() {
        heartbeat.shutdownNow();
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
     * Claims the key for this request: {@link KeyClaim.Held} — the caller owns it and must
     * {@link #complete} or {@link #release} it — or {@link KeyClaim.Answered} with the stored
     * first response, to replay. A key expired, or in flight for the same request whose lease
     * lapsed (its request died), is taken over.
     */
    public KeyClaim claim(String tenant, String key, String fingerprint) {
        UUID token = UUID.randomUUID();
        KeyClaim claim = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO idempotency_key AS k (tenant, key, request_hash, state, expires_at, claim_token, lease_until)
                    VALUES (?, ?, ?, 'IN_FLIGHT', now() + make_interval(secs => ?), ?, now() + make_interval(secs => ?))
                    ON CONFLICT (tenant, key) DO UPDATE
                       SET request_hash = EXCLUDED.request_hash, state = 'IN_FLIGHT', created_at = now(),
                           expires_at = EXCLUDED.expires_at, response_status = NULL, response_body = NULL,
                           response_location = NULL, claim_token = EXCLUDED.claim_token, lease_until = EXCLUDED.lease_until
                     WHERE k.expires_at < now()
                        OR (k.state = 'IN_FLIGHT' AND k.request_hash = EXCLUDED.request_hash
                            AND coalesce(k.lease_until, k.created_at + interval '60 seconds') < now())""")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                ps.setString(3, fingerprint);
                ps.setDouble(4, settings.ttl().toSeconds());
                ps.setObject(5, token);
                ps.setDouble(6, settings.inFlightLease().toMillis() / 1000.0);
                if (ps.executeUpdate() == 1) {
                    return new KeyClaim.Held(tenant, key, token);
                }
            }
            return new KeyClaim.Answered(existing(c, tenant, key, fingerprint));
        });
        if (claim instanceof KeyClaim.Held) {
            held.add(token);
        }
        return claim;
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

    /**
     * Records the response, inside the transaction of the mutation it answers — only while
     * {@code claim} still holds the key. A request that lost its key (it stalled past its lease
     * and another request with the same key took over) gets {@code idempotency.in_flight}, and
     * its mutation rolls back: one key, one mutation.
     */
    public void complete(Connection c, KeyClaim.Held claim, StoredResponse response) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE idempotency_key SET state = 'DONE', response_status = ?, response_body = ?, response_location = ?,
                       lease_until = NULL
                WHERE tenant = ? AND key = ? AND claim_token = ? AND state = 'IN_FLIGHT'""")) {
            ps.setInt(1, response.status());
            ps.setString(2, response.body());
            ps.setString(3, response.location());
            ps.setString(4, claim.tenant());
            ps.setString(5, claim.key());
            ps.setObject(6, claim.token());
            if (ps.executeUpdate() != 1) {
                throw new IdempotencyProblems.InFlight(claim.key());
            }
        }
    }

    /** Forgets a claim whose request was rejected or failed (if it still holds the key). */
    public void release(KeyClaim.Held claim) {
        db.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM idempotency_key WHERE tenant = ? AND key = ? AND claim_token = ? AND state = 'IN_FLIGHT'")) {
                ps.setString(1, claim.tenant());
                ps.setString(2, claim.key());
                ps.setObject(3, claim.token());
                return ps.executeUpdate();
            }
        });
    }

    /** The request holding {@code claim} is over (answered, released or failed): stop renewing it. */
    public void done(KeyClaim.Held claim) {
        held.remove(claim.token());
    }

    /** The heartbeat: extends the leases of the keys whose requests this replica is still running. */
    void renewHeld() {
        if (held.isEmpty()) {
            return;
        }
        try {
            db.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE idempotency_key SET lease_until = now() + make_interval(secs => ?)
                        WHERE claim_token = ANY (?) AND state = 'IN_FLIGHT'""")) {
                    ps.setDouble(1, settings.inFlightLease().toMillis() / 1000.0);
                    ps.setArray(2, c.createArrayOf("uuid", held.toArray()));
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // the next beat tries again; the lease is at least two beats long
            LOG.warnf("renewing in-flight idempotency keys failed: %s", e.getMessage());
        }
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
