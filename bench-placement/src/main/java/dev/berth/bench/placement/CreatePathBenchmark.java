package dev.berth.bench.placement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import dev.berth.broker.hosts.HostRepository;
import dev.berth.placement.engine.FleetIndex;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementConfig;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementPipeline;
import dev.berth.placement.PlacementRequest;
import dev.berth.provider.spi.WorkloadKind;

/**
 * What placement costs inside the create path, against the real PostgreSQL: the pieces
 * {@code Admission} runs per create, each measured on its own, with the broker's own SQL
 * ({@link HostRepository}):
 * <ul>
 *   <li>{@link #readSnapshot} — the host rows and group counts read per decision;</li>
 *   <li>{@link #decideOnFreshRows} — read, build the columnar index, decide (rows changed
 *       since the last decision: the usual case under a stream of creates);</li>
 *   <li>{@link #decideOnUnchangedRows} — read, find the rows equal to the index already built,
 *       decide (what {@code FleetSnapshots} does between fleet changes);</li>
 *   <li>{@link #reserveRolledBack} — the conditional capacity reservation in its own
 *       transaction, rolled back so the fleet never fills.</li>
 * </ul>
 * Needs a database with the broker's schema (any broker test database after a test run):
 * {@code -Dberth.bench.jdbc=jdbc:postgresql://127.0.0.1:5432/berth_test_x}, user
 * {@code -Dberth.bench.user} (default berth), password from {@code BERTH_DB_PASSWORD}. It
 * truncates {@code host} (and what references it) before and after.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CreatePathBenchmark {

    @Param({"100", "1000", "10000"})
    public int hosts;

    private final HostRepository repository = new HostRepository();
    private Connection connection;
    private PlacementPipeline pipeline;
    private PlacementRequest[] requests;
    private FleetIndex built;
    private List<HostSnapshot> fleet;
    private int next;
    private int nextHost;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", System.getProperty("berth.bench.user", "berth"));
        credentials.setProperty("password", System.getenv().getOrDefault("BERTH_DB_PASSWORD", ""));
        String url = System.getProperty("berth.bench.jdbc", System.getenv("BERTH_DB_TEST_JDBC_URL"));
        if (url == null) {
            throw new IllegalStateException("set -Dberth.bench.jdbc=jdbc:postgresql://127.0.0.1:5432/<a broker test database>");
        }
        connection = new org.postgresql.Driver().connect(url, credentials);
        connection.setAutoCommit(true);
        truncate();
        fleet = SyntheticFleet.hosts(hosts, 20_261_125L);
        insert(fleet);
        pipeline = new PlacementPipeline(PlacementConfig.defaults(), List.of());
        requests = SyntheticFleet.requests(4096, 7L);
        built = FleetIndex.of(repository.snapshots(connection));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        truncate();
        connection.close();
    }

    private void truncate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("TRUNCATE host CASCADE");
        }
    }

    /** The synthetic fleet as rows: the same columns registration writes, with its load as allocation. */
    private void insert(List<HostSnapshot> snapshots) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO host (id, name, driver, endpoint, labels, supported_kinds, capacity_milli_cpu, capacity_memory_mib,
                    capacity_disk_gib, allocated_milli_cpu, allocated_memory_mib, allocated_disk_gib, cordoned, health,
                    provider_class, price_vcpu_hour, price_memory_gib_hour)
                VALUES (?, ?, 'docker', 'unix:///var/run/docker.sock', ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (HostSnapshot h : snapshots) {
                java.util.Map<String, String> labels = new java.util.HashMap<>(h.labels());
                labels.put(HostSnapshot.REGION_LABEL, h.region());
                labels.put(HostSnapshot.ZONE_LABEL, h.zone());
                ps.setObject(1, h.id());
                ps.setString(2, h.name());
                ps.setString(3, dev.berth.broker.db.Json.write(labels));
                ps.setArray(4, connection.createArrayOf("text", h.supportedKinds().stream().map(WorkloadKind::name).sorted().toArray()));
                ps.setLong(5, Math.max(1, h.allocatable().milliCpu()));
                ps.setLong(6, Math.max(1, h.allocatable().memoryMiB()));
                ps.setLong(7, h.allocatable().diskGiB());
                ps.setLong(8, h.allocated().milliCpu());
                ps.setLong(9, h.allocated().memoryMiB());
                ps.setLong(10, h.allocated().diskGiB());
                ps.setBoolean(11, h.cordoned());
                ps.setString(12, h.health().name());
                ps.setString(13, h.providerClass().name().toLowerCase());
                ps.setBigDecimal(14, java.math.BigDecimal.valueOf(h.price().microsPerVcpuHour(), 6));
                ps.setBigDecimal(15, java.math.BigDecimal.valueOf(h.price().microsPerGiBHour(), 6));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private PlacementRequest nextRequest() {
        PlacementRequest request = requests[next];
        next = (next + 1) & (requests.length - 1);
        return request;
    }

    @Benchmark
    public List<HostSnapshot> readSnapshot() throws SQLException {
        return repository.snapshots(connection);
    }

    @Benchmark
    public PlacementDecision decideOnFreshRows() throws SQLException {
        return pipeline.place(nextRequest(), FleetIndex.of(repository.snapshots(connection)));
    }

    @Benchmark
    public PlacementDecision decideOnUnchangedRows() throws SQLException {
        List<HostSnapshot> fresh = repository.snapshots(connection);
        FleetIndex index = built.hosts().equals(fresh) ? built : FleetIndex.of(fresh);
        return pipeline.place(nextRequest(), index);
    }

    @Benchmark
    public boolean reserveRolledBack() throws SQLException {
        HostSnapshot host = fleet.get(nextHost);
        nextHost = (nextHost + 1) % fleet.size();
        connection.setAutoCommit(false);
        try {
            return repository.reserve(connection, host.id(), new dev.berth.provider.spi.Resources(1, 1, 0));
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
