package dev.berth.broker.images;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.DockerSocketProxy;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.GetOperationRequest;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.WorkloadsGrpc;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.ImagePullPolicy;
import dev.berth.sdk.model.Operation;
import dev.berth.sdk.model.OperationStatus;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 15: a tenant's container image is pulled from a real registry (Debian's docker-registry
 * on loopback, started by deploy/local) as part of the CREATE operation. A proxy in front of
 * the registry lets the test hold the pull (to see its progress on the operation) or kill the
 * registry mid-pull.
 */
@QuarkusTest
class RegistryPullTest {

    private static final String REGISTRY = System.getenv().getOrDefault("BERTH_REGISTRY_ADDR", "127.0.0.1:5000");
    private static final Duration PULL = Duration.ofSeconds(90);

    private final List<String> tags = new ArrayList<>();
    private Host host;
    private Api alice;

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        Api.setQuota("acme", "4", 2048, 10, 10);
        host = Api.registerLocalDocker("local-docker", null);
        alice = Api.as("alice");
    }

    @AfterEach
    void untag() {
        tags.forEach(DockerCli::untag);
    }

    @Test
    void missingImageIsPulledWithProgressAndRunsWithTheRegistrysDigest() throws Exception {
        String image = REGISTRY + "/demo/busybox:1";
        DockerCli.untag(image); // not on the host: the create must pull it
        tags.add(image);

        WorkloadOperation accepted = alice.workloads().createWorkload(Api.sleeper("pulled", "0.5", 64).image(image), null);
        Workload running = alice.awaitStatus(accepted.getWorkload().getId(), WorkloadStatus.RUNNING);

        assertThat(running.getImagePullPolicy()).isEqualTo(ImagePullPolicy.IF_NOT_PRESENT);
        assertThat(running.getImageDigest()).isEqualTo(registryDigest(REGISTRY, "demo/busybox", "1"));
        Operation op = alice.operations().getOperation(accepted.getOperation().getId());
        assertThat(op.getStatus()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(op.getProgress().getPhase()).as("the last thing it reported").isEqualTo("starting");
        try (GrpcCalls grpc = new GrpcCalls()) {
            var workloads = grpc.workloads(Tokens.user("alice"));
            assertThat(workloads.getWorkload(dev.berth.grpc.v1.GetWorkloadRequest.newBuilder()
                    .setWorkloadId(running.getId().toString()).build()).getImageDigest()).isEqualTo(running.getImageDigest());
        }
    }

    /** Held at the registry, the operation shows it is pulling (REST and gRPC); released, the workload runs. */
    @Test
    void operationShowsPullingWhileTheRegistryIsSlowThenStartingAndIfNotPresentThenNeedsNoRegistry() throws Exception {
        try (DockerSocketProxy registry = DockerSocketProxy.toLoopbackPort(port(REGISTRY))) {
            String image = "127.0.0.1:" + registry.port() + "/demo/busybox:1";
            tags.add(image);
            registry.hold();
            WorkloadOperation accepted = alice.workloads().createWorkload(Api.sleeper("slow", "0.5", 64).image(image), null);
            UUID opId = accepted.getOperation().getId();

            Operation pulling = Await.until("operation reports pulling", PULL, () -> op(opId),
                    o -> o.getProgress() != null && "pulling".equals(o.getProgress().getPhase()));
            assertThat(pulling.getStatus()).isEqualTo(OperationStatus.RUNNING);
            try (GrpcCalls grpc = new GrpcCalls()) {
                assertThat(grpc.workloads(Tokens.user("alice")).getOperation(GetOperationRequest.newBuilder()
                        .setOperationId(opId.toString()).build()).getProgress().getPhase()).isEqualTo("pulling");
            }
            registry.release();
            alice.awaitStatus(accepted.getWorkload().getId(), WorkloadStatus.RUNNING);
            assertThat(op(opId).getProgress().getPhase()).isEqualTo("starting");

            registry.close(); // the registry is gone; the image is on the host now
            Workload second = alice.workloads().createWorkload(Api.sleeper("again", "0.5", 64).image(image), null).getWorkload();
            assertThat(alice.awaitSettled(second.getId()).getStatus()).isEqualTo(WorkloadStatus.RUNNING);
        }
    }

    @Test
    void registryKilledMidPullFailsAsUnreachableAndReleasesEverything() throws Exception {
        WorkloadOperation accepted;
        try (DockerSocketProxy registry = DockerSocketProxy.toLoopbackPort(port(REGISTRY))) {
            String image = "127.0.0.1:" + registry.port() + "/demo/busybox:1";
            tags.add(image);
            registry.hold();
            accepted = alice.workloads().createWorkload(Api.sleeper("doomed", "0.5", 64).image(image), null);
            UUID opId = accepted.getOperation().getId();
            Await.until("operation reports pulling", PULL, () -> op(opId),
                    o -> o.getProgress() != null && "pulling".equals(o.getProgress().getPhase()));
        } // closed: connections dropped mid-pull, nothing listens any more

        assertFailedAndNothingHeld(accepted, "image.registry_unreachable", "registry unreachable");
    }

    @Test
    void unknownImageFailsAsNotFoundAndReleasesEverything() throws Exception {
        WorkloadOperation accepted = alice.workloads().createWorkload(
                Api.sleeper("nope", "0.5", 64).image(REGISTRY + "/demo/never-pushed:1"), null);

        assertFailedAndNothingHeld(accepted, "image.pull_not_found", "not found");
    }

    /** Bad references are refused at admission, on {@code image}, before anything is stored (REST and gRPC). */
    @Test
    void badReferencesAreRefusedNamingImage() throws Exception {
        List<String> bad = List.of("UPPER/case", "a:b:c", "a".repeat(300), "..", "demo/../busybox:1",
                REGISTRY + "/demo/busybox@sha256:abc");
        List<String> failures = new ArrayList<>();
        try (GrpcCalls grpc = new GrpcCalls()) {
            WorkloadsGrpc.WorkloadsBlockingStub aliceGrpc = grpc.workloads(Tokens.user("alice"));
            for (String image : bad) {
                ApiException rest = catchThrowableOfType(ApiException.class,
                        () -> alice.workloads().createWorkload(Api.sleeper("bad", "0.5", 64).image(image), null));
                if (rest == null || rest.getCode() != 400 || !"request.invalid".equals(BerthProblems.code(rest))
                        || !rest.getResponseBody().contains("\"field\":\"image\"")) {
                    failures.add("REST " + image + " → " + (rest == null ? "accepted" : rest.getCode() + " " + rest.getResponseBody()));
                }
                StatusRuntimeException g = catchThrowableOfType(StatusRuntimeException.class, () -> aliceGrpc.createWorkload(
                        CreateWorkloadRequest.newBuilder().setName("bad").setKind("container").setImage(image)
                                .setResources(Resources.newBuilder().setMilliCpu(500).setMemoryMib(64)).build()));
                if (g == null || !"request.invalid".equals(GrpcCalls.errorCode(g))) {
                    failures.add("gRPC " + image + " → " + (g == null ? "accepted" : g.getStatus()));
                }
            }
            StatusRuntimeException policy = catchThrowableOfType(StatusRuntimeException.class, () -> aliceGrpc.createWorkload(
                    CreateWorkloadRequest.newBuilder().setName("bad").setKind("container").setImage(Api.IMAGE)
                            .setImagePullPolicy("Sometimes")
                            .setResources(Resources.newBuilder().setMilliCpu(500).setMemoryMib(64)).build()));
            assertThat(GrpcCalls.errorCode(policy)).isEqualTo("request.invalid");
        }
        assertThat(failures).isEmpty();
        assertThat(alice.workloads().listWorkloads(null, null, null, null).getItems()).isEmpty();
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isZero();
    }

    private void assertFailedAndNothingHeld(WorkloadOperation accepted, String code, String words) throws Exception {
        UUID id = accepted.getWorkload().getId();
        Workload failed = alice.awaitStatus(id, WorkloadStatus.FAILED);
        assertThat(failed.getStatusReason()).contains("image pull failed (" + words + ")");
        Operation op = alice.operations().getOperation(accepted.getOperation().getId());
        assertThat(op.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(op.getError().getCode()).isEqualTo(code);
        assertThat(op.getError().getDetail()).contains(words);
        var usage = alice.quota().getQuota().getUsage();
        assertThat(usage.getInstances()).isZero();
        assertThat(usage.getMemoryMiB()).isZero();
        Host after = Api.as("admin").hosts().getHost(host.getId());
        assertThat(after.getAllocated().getVcpu()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(DockerCli.inspect("berth-" + id)).as("nothing left on the host").isNull();
    }

    private Operation op(UUID id) {
        try {
            return alice.operations().getOperation(id);
        } catch (ApiException e) {
            throw new AssertionError(e);
        }
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static String registryDigest(String registry, String repository, String tag) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.discarding());
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
