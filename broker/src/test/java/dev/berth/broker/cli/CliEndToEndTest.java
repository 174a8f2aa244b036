package dev.berth.broker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.BrokerUnderTest;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.cli.BerthCli;
import dev.berth.cli.ExitCode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code berth} CLI end to end, in-process through picocli with captured stdout/stderr and a
 * temporary config directory: password login against the real Keycloak, a container created with
 * {@code --wait} on the real Docker engine, list/get/delete, problem codes and exit codes, tenant
 * isolation. Lives in the broker's test tree because it needs the broker under test.
 */
@QuarkusTest
class CliEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path config;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void freshFleet() {
        TestDatabase.reset();
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "1", 256, 10, 2);
    }

    @org.junit.jupiter.api.AfterEach
    void removeWhatTheTestsLeft() {
        // the reset removes the containers of every recorded workload, so none outlives the class
        TestDatabase.reset();
    }

    private Run berth(Path configDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BerthCli.commandLine(new BerthCli(Map.of(), configDir.toString(), Clock.systemUTC()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        full[0] = "--config";
        full[1] = configDir.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int exit = cl.execute(full);
        return new Run(exit, out.toString(), err.toString());
    }

    private void login(Path configDir, String user) {
        Run login = berth(configDir, "login", "--server", BrokerUnderTest.baseUrl(), "--issuer", Tokens.ISSUER,
                "-u", user, "--password", user);
        assertThat(login.exit()).as(login.err()).isZero();
    }

    private Path workloadFile(String name, String memoryMiB) throws Exception {
        Path file = config.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                kind: container
                image: berth-demo/busybox:1
                command: [sleep, "3600"]
                resources:
                  vcpu: 0.25
                  memoryMiB: %s
                """.formatted(name, memoryMiB));
        return file;
    }

    @Test
    void createWithWaitReachesRunningThenListGetDelete() throws Exception {
        login(config, "alice");
        Path cache = config.resolve("credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");

        Run created = berth(config, "workloads", "create", "-f", workloadFile("cli-web", "64").toString(), "--wait",
                "-o", "json");
        assertThat(created.exit()).as(created.err()).isEqualTo(ExitCode.OK.code());
        JsonNode workload = JSON.readTree(created.out());
        assertThat(workload.path("status").asText()).isEqualTo("RUNNING");
        String id = workload.path("id").asText();
        // progress from the watch stream, one plain line per event (not a terminal)
        assertThat(created.err()).contains("workload.status_changed").contains("workload " + id + " RUNNING");
        assertThat(DockerCli.inspect("berth-" + id).at("/State/Running").asBoolean()).isTrue();

        Run list = berth(config, "workloads", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).startsWith("ID").contains(id).contains("cli-web").contains("RUNNING");

        Run get = berth(config, "workloads", "get", id, "-o", "yaml");
        assertThat(get.exit()).isZero();
        assertThat(get.out()).contains("name: cli-web").contains("status: RUNNING");

        Run quota = berth(config, "quota", "-o", "json");
        assertThat(JSON.readTree(quota.out()).at("/usage/instances").asInt()).isEqualTo(1);

        Run deleted = berth(config, "workloads", "delete", id, "--wait");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("DELETED");
        assertThat(DockerCli.inspect("berth-" + id)).as("container removed").isNull();
    }

    @Test
    void quotaBreachPrintsTheProblemCodeAndExitsRefused() throws Exception {
        login(config, "alice");
        Run over = berth(config, "workloads", "create", "-f", workloadFile("too-big", "1024").toString());
        assertThat(over.exit()).isEqualTo(ExitCode.REFUSED.code()).isEqualTo(7);
        assertThat(over.err()).startsWith("error: quota.exceeded (HTTP 409)");
        assertThat(over.out()).isEmpty();
        assertThat(berth(config, "workloads", "list", "-o", "json").out()).doesNotContain("too-big");
    }

    @Test
    void badInputIsRefusedWithItsCodeAndNothingIsCreated() throws Exception {
        login(config, "alice");
        Run invalid = berth(config, "workloads", "create", "-f", workloadFile("Bad Name!", "64").toString());
        assertThat(invalid.exit()).isEqualTo(ExitCode.INVALID.code());
        assertThat(invalid.err()).startsWith("error: request.invalid (HTTP 400)").contains("name");

        Path typo = config.resolve("typo.yaml");
        Files.writeString(typo, "name: x\nimage: berth-demo/busybox:1\nresourcez: {}\n");
        Run local = berth(config, "workloads", "create", "-f", typo.toString());
        assertThat(local.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(local.err()).contains("unknown field 'resourcez'");
        assertThat(berth(config, "workloads", "list", "-o", "json").out()).doesNotContain("\"name\"");
    }

    @Test
    void anotherTenantsWorkloadIsNotFound(@TempDir Path bobConfig) throws Exception {
        login(config, "alice");
        Run created = berth(config, "workloads", "create", "-f", workloadFile("alices", "64").toString(), "-o", "json");
        assertThat(created.exit()).as(created.err()).isZero();
        String id = JSON.readTree(created.out()).at("/workload/id").asText();

        login(bobConfig, "bob");
        Run get = berth(bobConfig, "workloads", "get", id);
        assertThat(get.exit()).isEqualTo(ExitCode.NOT_FOUND.code()).isEqualTo(5);
        assertThat(get.err()).startsWith("error: workload.not_found (HTTP 404)");
        Run delete = berth(bobConfig, "workloads", "delete", id);
        assertThat(delete.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(berth(config, "workloads", "get", id).exit()).as("alice still has it").isZero();
    }

    @Test
    void withoutLoginOrWithAForgedTokenItSaysNotLoggedIn() throws Exception {
        Run none = berth(config, "workloads", "list");
        assertThat(none.exit()).isEqualTo(ExitCode.NOT_LOGGED_IN.code());
        assertThat(none.err()).contains("berth login");

        Run wrongPassword = berth(config, "login", "--issuer", Tokens.ISSUER, "-u", "alice", "--password", "nope");
        assertThat(wrongPassword.exit()).isEqualTo(ExitCode.NOT_LOGGED_IN.code());
        assertThat(wrongPassword.err()).contains("invalid_grant");
        assertThat(config.resolve("credentials.json")).doesNotExist();
    }

    @Test
    void tenantUserGetsForbiddenOnAdminVerbsAndAdminListsHosts(@TempDir Path adminConfig) {
        login(config, "alice");
        Run hosts = berth(config, "admin", "hosts", "list");
        assertThat(hosts.exit()).isEqualTo(ExitCode.FORBIDDEN.code());
        assertThat(hosts.err()).startsWith("error: auth.forbidden (HTTP 403)");

        login(adminConfig, "admin");
        Run adminHosts = berth(adminConfig, "admin", "hosts", "list");
        assertThat(adminHosts.exit()).as(adminHosts.err()).isZero();
        assertThat(adminHosts.out()).contains("local-docker");
        Run quota = berth(adminConfig, "admin", "quota", "get", "acme", "-o", "json");
        assertThat(quota.exit()).isZero();
        assertThat(quota.out()).contains("\"instances\" : 2");
        UUID unknown = UUID.randomUUID();
        assertThat(berth(adminConfig, "admin", "hosts", "get", unknown.toString()).exit()).isEqualTo(ExitCode.NOT_FOUND.code());
    }
}
