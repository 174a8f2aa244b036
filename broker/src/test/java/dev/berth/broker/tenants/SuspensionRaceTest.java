package dev.berth.broker.tenants;

import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A create racing a suspension: the tenant's state is checked again inside the create's
 * transaction with the row share-locked, so a suspension committed while the create was
 * being placed is seen, and the create is refused with nothing held — not admitted once
 * after the tenant was suspended.
 */
@QuarkusTest
class SuspensionRaceTest {

    @BeforeEach
    void fleet() {
        TestDatabase.reset();
        TestDatabase.execute("DELETE FROM tenant WHERE slug = 'acme'");
        TestDatabase.execute("INSERT INTO tenant (slug, display_name, status, created_by) VALUES ('acme', 'Acme', 'ACTIVE', 'test')");
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "4", 4096, 10, 10);
    }

    @AfterEach
    void activeAgain() {
        TestDatabase.execute("DELETE FROM tenant WHERE slug = 'acme'");
        TestDatabase.reset();
    }

    @Test
    void aCreateWaitingOnASuspensionInFlightIsRefusedOnceItCommits() throws Exception {
        Api alice = Api.as("alice");
        try (Connection suspender = TestDatabase.connect()) {
            suspender.setAutoCommit(false);
            // The suspension's UPDATE holds the row; the create's early check still reads ACTIVE (uncommitted).
            suspender.createStatement().executeUpdate("UPDATE tenant SET status = 'SUSPENDED' WHERE slug = 'acme'");

            CompletableFuture<Object> create = CompletableFuture.supplyAsync(() -> {
                try {
                    return alice.workloads().createWorkload(Api.sleeper("racer", "0.1", 32), UUID.randomUUID().toString());
                } catch (ApiException e) {
                    return e;
                }
            });
            awaitCreateBlockedOnTheTenantRow();
            suspender.commit();

            Object outcome = create.get(60, TimeUnit.SECONDS);
            assertThat(outcome).as("the create must be refused, not admitted after the suspension").isInstanceOf(ApiException.class);
            ApiException refused = (ApiException) outcome;
            assertThat(refused.getCode()).isEqualTo(403);
            assertThat(BerthProblems.code(refused)).isEqualTo("tenant.suspended");
        }
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isZero();
        assertThat(TestDatabase.longValue("SELECT used_milli_cpu + used_instances FROM tenant_quota WHERE tenant = 'acme'")).isZero();
        assertThat(TestDatabase.longValue("SELECT allocated_milli_cpu FROM host")).isZero();
    }

    /** Until a backend waits for a lock on the tenant's row (the create's FOR SHARE). */
    private static void awaitCreateBlockedOnTheTenantRow() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (TestDatabase.longValue("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE '%FROM tenant WHERE slug%FOR SHARE%'") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the create never waited on the tenant row: is the state checked inside its transaction?");
    }
}
