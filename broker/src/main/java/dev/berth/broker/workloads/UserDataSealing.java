package dev.berth.broker.workloads;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.db.Json;
import dev.berth.broker.secrets.Envelopes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Seals the user data of workloads written before V14, which kept it in clear inside the
 * {@code vm} column: at start-up (after Flyway), one transaction per row moves it into
 * {@code vm_user_data} as an envelope and deletes the clear text. Safe with several replicas
 * starting at once (row lock, and a row already sealed is skipped) and cheap when there is
 * nothing to do (a partial index finds the rows).
 */
@ApplicationScoped
public class UserDataSealing {

    private static final Logger LOG = Logger.getLogger(UserDataSealing.class);
    private static final int BATCH = 100;

    private final Database db;
    private final Envelopes envelopes;

    UserDataSealing(Database db, Envelopes envelopes) {
        this.db = db;
        this.envelopes = envelopes;
    }

    void onStart(@Observes StartupEvent start) {
        int sealed = sealAll();
        if (sealed > 0) {
            LOG.infof("sealed the clear user data of %d workloads written before V14", sealed);
        }
    }

    /** Seals every clear user data left; returns how many rows it sealed. */
    public int sealAll() {
        int total = 0;
        for (List<UUID> batch = clearRows(); !batch.isEmpty(); batch = clearRows()) {
            for (UUID id : batch) {
                total += seal(id) ? 1 : 0;
            }
        }
        return total;
    }

    // "??" is PostgreSQL's jsonb "?" (key exists), escaped for the JDBC driver.
    private List<UUID> clearRows() {
        return db.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM workload WHERE vm ?? 'userData' LIMIT " + BATCH)) {
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    private boolean seal(UUID id) {
        return db.transaction(c -> {
            String clear;
            String alreadySealed;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT vm::text, vm_user_data FROM workload WHERE id = ? AND vm ?? 'userData' FOR UPDATE")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    clear = Json.read(rs.getString(1), WorkloadRepository.StoredVm.class).userData();
                    alreadySealed = rs.getString(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE workload SET vm_user_data = ?, vm = vm - 'userData' WHERE id = ?")) {
                // A sealed value wins over a clear leftover (it was written later).
                ps.setString(1, alreadySealed != null ? alreadySealed
                        : clear == null || clear.isEmpty() ? null : envelopes.seal(clear, UserData.context(id)));
                ps.setObject(2, id);
                ps.executeUpdate();
            }
            return true;
        });
    }
}
