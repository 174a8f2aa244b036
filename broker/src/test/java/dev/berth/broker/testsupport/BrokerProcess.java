package dev.berth.broker.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker replica in its own JVM, from the packaged application, sharing the test
 * database with any other replica: what "many brokers, one PostgreSQL" looks like in
 * production.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The first of two ports for extra replicas: 18081 when tests use the default test port
     * 8081; otherwise derived from {@code QUARKUS_HTTP_TEST_PORT}, so checkouts that run their
     * suites side by side (each with its own test port and database) do not collide.
     */
    public static int replicaPortBase() {
        int testPort = Integer.parseInt(java.util.Objects.requireNonNullElse(System.getenv("QUARKUS_HTTP_TEST_PORT"), "8081"));
        return 18081 + 2 * (testPort - 8081);
    }

    /**
     * A replica's management interface (health, metrics): its API port + 2000, clear of the
     * replica API ports and of the test ports of side-by-side checkouts.
     */
    public static int managementPortOf(int port) {
        return port + 2000;
    }

    public static BrokerProcess start(int port) throws IOException {
        return start(port, Map.of());
    }

    /** A replica with extra configuration ({@code -Dkey=value}), e.g. short operation leases. */
    public static BrokerProcess start(int port, Map<String, String> config) throws IOException {
        Path jar = Path.of(System.getProperty("berth.broker.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException("packaged broker missing at " + jar + " (run through mvn verify)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Dquarkus.profile=test",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPortOf(port),
                "-Dquarkus.datasource.password=" + Tokens.localSecret("BERTH_DB_PASSWORD")));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        File log = Path.of("target", "broker-" + port + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        return new BrokerProcess(pb.start(), port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPortOf(port);
    }

    /** Waits until /q/health/ready answers 200 on the management interface. */
    public BrokerProcess awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Await.until("broker on port " + port + " to be ready", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("broker on port " + port + " exited: see target/broker-" + port + ".log");
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return this;
    }

    /** {@code kill -9}: the replica dies at once, mid-request and mid-operation, with no shutdown hook. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The replica's process id: what its operation claims name ({@code claimed_by} starts with {@code pid@}). */
    public long pid() {
        return process.pid();
    }

    /** A graceful stop (SIGTERM), waiting until the process has exited. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
