package dev.berth.broker.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.RegisterHostRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 13, finding 2: host endpoints are parsed into a typed form and checked against the
 * destination policy ({@code berth.endpoints.*}; the test profile adds 192.0.2.0/24 to the
 * host deny list) at registration, over REST and gRPC, before anything connects. Refused
 * endpoints are {@code 400 request.invalid} naming the field, and nothing is stored; no
 * program named in a URI ever runs; {@code host.unreachable} and failed probes answer advice
 * and a log reference, never the driver's words.
 */
@QuarkusTest
class HostEndpointsTest {

    private static final String SECRET = "hunter2";

    @Inject
    HostService hostService;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    /** driver, endpoint, options, the field the refusal names. */
    static Stream<Arguments> refused() {
        String script = "/tmp/berth-would-run.sh";
        return Stream.of(
                // user information, even a bare user
                Arguments.of("docker", "tcp://admin:" + SECRET + "@127.0.0.1:2375", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://root@127.0.0.1/system", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://root:" + SECRET + "@127.0.0.1/system", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+tls://admin:" + SECRET + "@127.0.0.1/system", Map.of(), "endpoint"),
                // every libvirt parameter that runs, opens or weakens something
                Arguments.of("libvirt", "qemu+ssh://127.0.0.1/system?command=" + script, Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://127.0.0.1/system?netcat=" + script, Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://127.0.0.1/system?proxy=netcat", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu:///system?socket=/tmp/other.sock", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://127.0.0.1/system?keyfile=/root/.ssh/id_rsa", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+tls://127.0.0.1/system?no_verify=1", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+tls://127.0.0.1/system?pkipath=/tmp/pki", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://127.0.0.1/system?sshauth=privkey", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://127.0.0.1/system?known_hosts=/tmp/kh", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://127.0.0.1/system?no_tty=1;command=" + script, Map.of(), "endpoint"),
                // paths that start daemons or read files on the broker's machine
                Arguments.of("libvirt", "qemu:///session", Map.of(), "endpoint"),
                Arguments.of("libvirt", "test:///etc/passwd", Map.of(), "endpoint"),
                // link-local, metadata, a configured deny block
                Arguments.of("docker", "tcp://169.254.169.254:2375", Map.of(), "endpoint"),
                Arguments.of("docker", "tcp://[fe80::1]:2375", Map.of(), "endpoint"),
                Arguments.of("docker", "tcp://[fd00:ec2::254]:80", Map.of(), "endpoint"),
                Arguments.of("docker", "tcp://[::ffff:169.254.169.254]:2375", Map.of(), "endpoint"),
                Arguments.of("docker", "tcp://192.0.2.10:2375", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+ssh://169.254.169.254/system", Map.of(), "endpoint"),
                Arguments.of("libvirt", "qemu+tcp://192.0.2.1:16509/system", Map.of(), "endpoint"),
                // ambiguous spellings, unknown schemes
                Arguments.of("docker", "tcp://127.1:2375", Map.of(), "endpoint"),
                Arguments.of("docker", "tcp://2130706433:2375", Map.of(), "endpoint"),
                Arguments.of("docker", "npipe:////./pipe/docker_engine", Map.of(), "endpoint"),
                Arguments.of("docker", "qemu:///system", Map.of(), "endpoint"),
                // an AWS override: loopback only by default
                Arguments.of("aws", "aws://us-east-1", Map.of("endpointOverride", "http://169.254.169.254"), "options.endpointOverride"),
                Arguments.of("aws", "aws://us-east-1", Map.of("endpointOverride", "http://10.0.0.5:4566"), "options.endpointOverride"),
                Arguments.of("aws", "aws://us-east-1", Map.of("endpointOverride", "http://u:" + SECRET + "@127.0.0.1:1"), "options.endpointOverride"));
    }

    @ParameterizedTest(name = "REST {0} {1}")
    @MethodSource("refused")
    void refusedOverRestWithNothingStored(String driver, String endpoint, Map<String, String> options, String field) {
        register(driver, endpoint, options, null)
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("request.invalid"))
                .body("errors.field", hasItem(field))
                .body(not(containsString(SECRET)));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host")).isZero();
    }

    @ParameterizedTest(name = "gRPC {0} {1}")
    @MethodSource("refused")
    void refusedOverGrpcWithNothingStored(String driver, String endpoint, Map<String, String> options, String field)
            throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.admin(Tokens.user("admin"))
                    .registerHost(RegisterHostRequest.newBuilder().setName("refused").setDriver(driver).setEndpoint(endpoint)
                            .putAllOptions(options).build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(e)).isEqualTo("request.invalid");
            assertThat(e.getStatus().getDescription()).contains(field).doesNotContain(SECRET);
        }
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host")).isZero();
    }

    /** driver, endpoint, capacity JSON (for hosts that do not answer), over REST. */
    static Stream<Arguments> accepted() {
        String capacity = "{\"vcpu\":1,\"memoryMiB\":512}";
        return Stream.of(
                Arguments.of("docker", "unix:///var/run/docker.sock", null),
                Arguments.of("libvirt", "test:///default", null),
                Arguments.of("docker", "tcp://127.0.0.1:1", capacity),       // loopback is allowed; nothing listens
                Arguments.of("libvirt", "qemu+tcp://127.0.0.1:1/system", capacity));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("accepted")
    void allowedEndpointsRegister(String driver, String endpoint, String capacity) {
        register(driver, endpoint, Map.of(), capacity).statusCode(201).body("endpoint", equalTo(endpoint));
        assertThat(TestDatabase.strings("SELECT endpoint FROM host")).containsExactly(endpoint);
    }

    @Test
    void noProgramNamedInALibvirtUriEverRuns() throws Exception {
        Path marker = dir.resolve("ran");
        Path script = dir.resolve("would-run.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > '" + marker + "'\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        List<String> uris = List.of(
                "qemu+ssh://127.0.0.1/system?command=" + script,
                "qemu+ssh://127.0.0.1/system?netcat=" + script,
                "qemu+ssh://127.0.0.1/system?no_tty=1&command=" + script + "&netcat=" + script,
                "qemu+ssh://127.0.0.1/system?COMMAND=" + script);

        for (String uri : uris) {
            register("libvirt", uri, Map.of(), "{\"vcpu\":1,\"memoryMiB\":512}").statusCode(400).body("code", equalTo("request.invalid"));
            try (GrpcCalls grpc = new GrpcCalls()) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.admin(Tokens.user("admin"))
                        .registerHost(RegisterHostRequest.newBuilder().setName("runs").setDriver("libvirt").setEndpoint(uri)
                                .setCapacity(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(1000).setMemoryMib(512)).build()));
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            }
        }
        // A stored host with such a URI (written before this fix) is refused when its driver opens, too.
        TestDatabase.execute("INSERT INTO host (id, name, driver, endpoint, supported_kinds, capacity_milli_cpu, "
                + "capacity_memory_mib, capacity_disk_gib) VALUES (gen_random_uuid(), 'legacy', 'libvirt', '" + uris.get(0)
                + "', '{" + dev.berth.provider.spi.WorkloadKind.VM.name() + "}', 1000, 512, 0)");
        hostService.probeAll();

        assertThat(marker).doesNotExist();
        assertThat(TestDatabase.strings("SELECT health_detail FROM host WHERE name = 'legacy'")).singleElement()
                .asString().contains("reference conn-").doesNotContain(script.toString());
    }

    @Test
    void unreachableAnswersAdviceAndAReferenceNeverTheDriversWords() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(ConnectionFailures.class.getName());
        log.addHandler(capture);
        try {
            String body = register("docker", "tcp://127.0.0.1:1", Map.of(), null)
                    .statusCode(422).body("code", equalTo("host.unreachable")).extract().asString();

            assertThat(body).contains("reference conn-").doesNotContain("Connection refused", "Exception", "java.",
                    "127.0.0.1:1", "HttpHost");
            String reference = body.replaceAll("(?s).*reference (conn-[0-9a-f]{8}).*", "$1");
            assertThat(logged).as("the raw failure is in the log under the answer's reference")
                    .anySatisfy(line -> assertThat(line).contains(reference).contains("Connection refused"));
        } finally {
            log.removeHandler(capture);
        }
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host")).isZero();
    }

    @Test
    void aHostThatDoesNotAnswerShowsAdviceInItsHealth() {
        String id = register("docker", "tcp://127.0.0.1:1", Map.of(), "{\"vcpu\":1,\"memoryMiB\":512}")
                .statusCode(201).body("health.status", equalTo("UNHEALTHY")).extract().path("id");
        hostService.probeAll();

        given().auth().oauth2(Tokens.user("admin")).when().get("/v1/admin/hosts/" + id).then().statusCode(200)
                .body("health.status", equalTo("UNHEALTHY"))
                .body("health.detail", containsString("reference conn-"))
                .body("health.detail", not(containsString("Connection refused")));
    }

    private static ValidatableResponse register(String driver, String endpoint, Map<String, String> options, String capacity) {
        StringBuilder body = new StringBuilder("{\"name\":\"h-").append(driver).append("\",\"driver\":\"").append(driver)
                .append("\",\"endpoint\":").append(json(endpoint));
        if (!options.isEmpty()) {
            body.append(",\"options\":{");
            options.forEach((k, v) -> body.append(json(k)).append(':').append(json(v)).append(','));
            body.setLength(body.length() - 1);
            body.append('}');
        }
        if (capacity != null) {
            body.append(",\"capacity\":").append(capacity);
        }
        body.append('}');
        return given().auth().oauth2(Tokens.user("admin")).contentType("application/json").body(body.toString())
                .when().post("/v1/admin/hosts").then();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
