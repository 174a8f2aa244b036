package dev.berth.broker.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;


/** Direct SQL on the test database, to check invariants from outside the API and to reset state. */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** The test database of deploy/local (never the demo database {@code berth}). */
    static final String URL = java.util.Optional.ofNullable(System.getenv("BERTH_DB_TEST_JDBC_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/berth_test");

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "berth", Tokens.localSecret("BERTH_DB_PASSWORD"));
    }

    /**
     * Empties every table the workload path writes, and removes the containers of the test
     * database's workloads — only those: the local stack may run demo containers of the same
     * tenants on the same engine.
     */
    public static void reset() {
        DockerCli.removeContainers(strings("SELECT 'berth-' || id FROM workload"));
        DockerCli.removeImages(strings("SELECT 'berth-snapshots/' || workload_id || ':' || name FROM snapshot"));
        execute("TRUNCATE snapshot, event, operation, idempotency_key, workload, tenant_quota, host, "
                + "policy, policy_version, tenant_profile, admission_record, usage_interval, quota_class, tenant, cloud_account, member_account, member_invitation, platform_image CASCADE");
    }

    public static java.util.List<String> strings(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            java.util.List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    public static long longValue(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
