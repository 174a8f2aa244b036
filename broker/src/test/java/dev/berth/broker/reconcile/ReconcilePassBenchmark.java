package dev.berth.broker.reconcile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.provider.spi.ActualState;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test (surefire's default includes skip {@code *Benchmark}): one reconcile pass over
 * 10,000 running workloads on one host, through the real pass (CDI wiring, PostgreSQL) with an
 * in-memory driver ({@link FakeDriver}), so the figure is Berth's own cost: three reads, the
 * comparison, the observation writes, the pass record. Prints passes/s and the database's
 * work per pass (transactions, rows read and written, from {@code pg_stat_database}). Run:
 * {@code deploy/local/test.sh -pl broker -am -Dtest=ReconcilePassBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * (docs/benchmarks.md).
 */
@QuarkusTest
class ReconcilePassBenchmark {

    private static final int WORKLOADS = Integer.getInteger("bench.workloads", 10_000);
    private static final int WARMUP = 5;
    private static final int PASSES = Integer.getInteger("bench.passes", 30);

    @Inject
    Reconciler reconciler;

    @Test
    void onePassOverTenThousandWorkloads() throws Exception {
        TestDatabase.reset();
        UUID host = UUID.randomUUID();
        TestDatabase.execute("INSERT INTO host (id, name, driver, endpoint, supported_kinds, capacity_milli_cpu, "
                + "capacity_memory_mib, capacity_disk_gib, health) VALUES ('" + host + "', 'bench', '" + FakeDriver.TYPE
                + "', 'fake://bench', '{CONTAINER}', 100000000, 100000000, 0, 'HEALTHY')");
        TestDatabase.execute("INSERT INTO workload (id, tenant, name, kind, image, restart_policy, milli_cpu, memory_mib, "
                + "disk_gib, status, host_id, provider_handle, holds_resources) "
                + "SELECT gen_random_uuid(), 'bench', 'w-' || i, 'CONTAINER', 'img', 'ALWAYS', 100, 64, 0, 'RUNNING', '"
                + host + "', 'c-' || i, false FROM generate_series(1, " + WORKLOADS + ") i");
        TestDatabase.execute("UPDATE workload SET updated_at = now() - interval '1 minute'");
        FakeDriver.STATES.clear();
        for (String id : TestDatabase.strings("SELECT id::text FROM workload")) {
            FakeDriver.STATES.add(new ActualState(UUID.fromString(id), "bench", "c-" + id, ActualState.Status.RUNNING,
                    "Up 3 hours", Optional.empty(), "running", null, null, null, null));
        }

        for (int i = 0; i < WARMUP; i++) {
            reconciler.runNow(host);
        }
        long[] before = databaseCounters();
        List<Long> millis = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < PASSES; i++) {
            long t = System.nanoTime();
            PassReport pass = reconciler.runNow(host);
            millis.add((System.nanoTime() - t) / 1_000_000);
            assertThat(pass.observed()).isEqualTo(WORKLOADS);
            assertThat(pass.findings()).as("a steady host has nothing to report").isEmpty();
            assertThat(pass.error()).isNull();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] after = databaseCounters();
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        String report = String.format("reconcile pass, %d workloads on one host, %d passes: %.2f passes/s, "
                        + "p50 %d ms, p90 %d ms, max %d ms; per pass: %.1f transactions, %.0f rows read, %.0f rows "
                        + "updated, %.0f rows inserted", WORKLOADS, PASSES, PASSES / seconds, sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.9)], sorted[sorted.length - 1],
                (after[0] - before[0]) / (double) PASSES, (after[1] - before[1]) / (double) PASSES,
                (after[2] - before[2]) / (double) PASSES, (after[3] - before[3]) / (double) PASSES);
        System.out.println("BENCH " + report);
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE observed_at IS NULL")).isZero();
        TestDatabase.execute("DELETE FROM workload WHERE tenant = 'bench'");
        FakeDriver.STATES.clear();
    }

    /** xact_commit, tup_fetched, tup_updated, tup_inserted of the test database (other sessions add noise; run alone). */
    private static long[] databaseCounters() throws Exception {
        Thread.sleep(600); // the statistics collector publishes about every 500 ms
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT xact_commit, tup_fetched, tup_updated, tup_inserted "
                    + "FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }
}
