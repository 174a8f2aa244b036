package dev.berth.broker.workloads;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 20: the worker took the workload's row lock on an auto-commit connection, where the
 * lock ends with the statement — it locked nothing. A row lock is now refused outside a
 * transaction, and inside one it really holds other lockers off.
 */
@QuarkusTest
class WorkloadRowLockTest {

    @Inject
    Database db;

    @Inject
    WorkloadRepository workloads;

    private UUID id;

    @BeforeEach
    void oneRunningWorkload() throws Exception {
        TestDatabase.reset();
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "4", 4096, 10, 10);
        Api alice = Api.as("alice");
        id = alice.workloads().createWorkload(Api.sleeper("locked", "0.1", 32), null).getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.RUNNING);
    }

    @Test
    void aWorkloadRowLockOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> db.autoCommit(c -> workloads.lock(c, id)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("locks nothing");
        assertThatThrownBy(() -> db.autoCommit(c -> workloads.find(c, "acme", id, true)))
                .isInstanceOf(IllegalStateException.class);
        // a plain read stays allowed anywhere
        java.util.Optional<Workload> read = db.autoCommit(c -> workloads.find(c, "acme", id, false));
        assertThat(read).isPresent();
    }

    @Test
    void aWorkloadRowLockInsideATransactionHoldsOtherLockersOff() {
        String sqlState = db.transaction(c -> {
            java.util.Optional<Workload> locked = workloads.lock(c, id);
            assertThat(locked).isPresent();
            try (Connection other = TestDatabase.connect(); Statement s = other.createStatement()) {
                s.execute("SELECT 1 FROM workload WHERE id = '" + id + "' FOR UPDATE NOWAIT");
                return "not locked";
            } catch (SQLException e) {
                return e.getSQLState();
            }
        });
        assertThat(sqlState).as("55P03 = lock_not_available").isEqualTo("55P03");
    }
}
