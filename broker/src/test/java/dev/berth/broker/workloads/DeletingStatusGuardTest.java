package dev.berth.broker.workloads;

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

/**
 * A restart (or start, or restore) that finishes after a delete was accepted must not put the
 * workload back to RUNNING: the queued delete only applies to a DELETING workload, so the
 * overwrite would leave the container behind (seen under load in VmWorkloadTest). Nor may a
 * create that fails meanwhile put it to FAILED (issue 20): the tenant's delete would end FAILED,
 * its delete operation refused as "no longer applies".
 */
@QuarkusTest
class DeletingStatusGuardTest {

    @Inject
    Database db;

    @Inject
    WorkloadRepository workloads;

    @BeforeEach
    void freshFleet() {
        TestDatabase.reset();
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "4", 4096, 10, 10);
    }

    @Test
    void aDeletingWorkloadOnlyMovesOnToDeleted() throws Exception {
        Api alice = Api.as("alice");
        UUID id = alice.workloads().createWorkload(Api.sleeper("guarded", "0.1", 32), null).getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.RUNNING);
        TestDatabase.execute("UPDATE workload SET status = 'DELETING' WHERE id = '" + id + "'");

        boolean moved = db.transaction(c -> workloads.setStatus(c, id, dev.berth.broker.workloads.WorkloadStatus.RUNNING,
                "restart completed"));
        // false tells the operation not to record a status_changed event for a change that did not happen
        assertThat(moved).isFalse();
        boolean failed = db.transaction(c -> workloads.setStatus(c, id, dev.berth.broker.workloads.WorkloadStatus.FAILED,
                "create failed"));
        assertThat(failed).as("FAILED must not overwrite DELETING").isFalse();
        assertThat(TestDatabase.strings("SELECT status FROM workload WHERE id = '" + id + "'"))
                .containsExactly("DELETING");
        boolean again = db.transaction(c -> workloads.setStatus(c, id, dev.berth.broker.workloads.WorkloadStatus.DELETING,
                "deletion requested again"));
        assertThat(again).isTrue();

        // The delete itself still goes through and removes the container.
        TestDatabase.execute("UPDATE workload SET status = 'RUNNING' WHERE id = '" + id + "'");
        alice.workloads().deleteWorkload(id, null);
        alice.awaitStatus(id, WorkloadStatus.DELETED);
    }
}
