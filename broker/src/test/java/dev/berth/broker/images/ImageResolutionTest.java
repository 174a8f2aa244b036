package dev.berth.broker.images;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.PlatformImages;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.WorkloadsGrpc;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.ImageSourceKind;
import dev.berth.sdk.model.Operation;
import dev.berth.sdk.model.OperationStatus;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.SnapshotCreate;
import dev.berth.sdk.model.VmOptions;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 13, finding 1: the {@code image} field reached host-internal artefacts of other
 * tenants (a snapshot image by name, by image id and by id prefix; a VM "base image" that was
 * another tenant's disk, cloud-init seed or backup). Every such reference — and a Berth-internal
 * name of the caller's own — is refused at admission, before placement, on REST and gRPC alike,
 * with nothing stored (no workload, operation, admission record) and quota unchanged; the
 * caller's own snapshot and registered platform images still run, on the real Docker engine
 * and the libvirt test driver.
 */
@QuarkusTest
class ImageResolutionTest {

    private Api alice;
    private Api bob;

    @BeforeEach
    void setUp() throws ApiException {
        TestDatabase.reset();
        PlatformImages.registerVmImages();
        Api.registerLocalDocker("docker-1", null);
        Api.as("admin").hosts().registerHost(new HostCreate().name("kvm-1").driver(HostDriver.LIBVIRT)
                .endpoint("test:///default").options(Map.of("seedBaseImages", PlatformImages.DEBIAN_BASE)));
        Api.setQuota("acme", "8", 4096, 40, 10);
        Api.setQuota("globex", "8", 4096, 40, 10);
        alice = Api.as("alice");
        bob = Api.as("bob");
    }

    @Test
    void anotherTenantsArtefactsAndBerthsOwnNamesAreRefusedBeforeAnythingReachesAHost() throws Exception {
        // bob (globex) has a container with a snapshot image, and a VM with a disk, a seed and a backup
        Workload secret = run(bob, Api.sleeper("secret", "0.2", 32).env(Map.of("TOKEN", "globex-only")));
        snapshot(bob, secret.getId(), "nightly");
        String imageId = DockerCli.inspect("berth-snapshots/" + secret.getId() + ":nightly").get("Id").asText();
        String hex = imageId.substring("sha256:".length());
        Workload vm = run(bob, new WorkloadCreate().name("db").kind(WorkloadKind.VM).image(PlatformImages.DEBIAN_BASE)
                .vm(new VmOptions().userData("#cloud-config\npassword: globex-secret\n"))
                .resources(new ResourceRequest().vcpu(BigDecimal.ONE).memoryMiB(256L).diskGiB(2L)));
        snapshot(bob, vm.getId(), "backup");
        // alice (acme) has one of her own, whose Berth-internal names are no more usable than bob's
        Workload mine = run(alice, Api.sleeper("mine", "0.2", 32));
        snapshot(alice, mine.getId(), "own");

        List<Refusal> refusals = List.of(
                // another tenant's snapshot: by Berth's typed reference, by image name, by id, by id prefixes
                new Refusal("snapshot:" + secret.getId() + "/nightly", "container", 404, "snapshot.not_found"),
                new Refusal("berth-snapshots/" + secret.getId() + ":nightly", "container", 400, "request.invalid"),
                new Refusal(imageId, "container", 400, "request.invalid"),
                new Refusal(hex, "container", 400, "request.invalid"),
                new Refusal(hex.substring(0, 12), "container", 400, "request.invalid"),
                new Refusal(hex.substring(0, 6), "container", 400, "request.invalid"),
                new Refusal("sha256:" + hex.substring(0, 4), "container", 400, "request.invalid"),
                new Refusal("sha256:" + hex.substring(0, 12), "auto", 400, "request.invalid"),
                // another tenant's VM disk, cloud-init seed, backup volume, and its snapshot
                new Refusal("berth-" + vm.getId(), "vm", 400, "request.invalid"),
                new Refusal("berth-seed-" + vm.getId() + ".iso", "vm", 400, "request.invalid"),
                new Refusal("berth-backup-" + vm.getId() + "-backup", "vm", 400, "request.invalid"),
                new Refusal("snapshot:" + vm.getId() + "/backup", "vm", 404, "snapshot.not_found"),
                // Berth-internal names of the caller's own objects
                new Refusal("berth-snapshots/" + mine.getId() + ":own", "container", 400, "request.invalid"),
                new Refusal("berth-" + mine.getId(), "container", 400, "request.invalid"),
                new Refusal("berth-" + mine.getId(), "vm", 400, "request.invalid"),
                // a registry reference is not a VM's base image
                new Refusal("debian-13-not-registered", "vm", 400, "request.invalid"));

        Footprint before = Footprint.of("acme", alice);
        // Containers already on the shared engine (this test's own workload; a previous test class's
        // create still finishing can add one before this point): the refusals must add none.
        List<String> containersBefore = DockerCli.containersOfTenant("acme");
        List<String> failures = new ArrayList<>();
        try (GrpcCalls grpc = new GrpcCalls()) {
            WorkloadsGrpc.WorkloadsBlockingStub aliceGrpc = grpc.workloads(Tokens.user("alice"));
            for (Refusal r : refusals) {
                ApiException rest = catchThrowableOfType(ApiException.class, () -> alice.workloads().createWorkload(
                        new WorkloadCreate().name("attack").kind(WorkloadKind.fromValue(r.kind())).image(r.image())
                                .command(List.of("sleep", "60"))
                                .resources(new ResourceRequest().vcpu(BigDecimal.ONE).memoryMiB(256L).diskGiB(2L)), null));
                if (rest == null || rest.getCode() != r.status() || !r.code().equals(BerthProblems.code(rest))
                        || (r.status() == 400 && !rest.getResponseBody().contains("\"field\":\"image\""))) {
                    failures.add("REST " + r + " → " + (rest == null ? "accepted" : rest.getCode() + " " + rest.getResponseBody()));
                }
                StatusRuntimeException g = catchThrowableOfType(StatusRuntimeException.class, () -> aliceGrpc.createWorkload(
                        CreateWorkloadRequest.newBuilder().setName("attack").setKind(r.kind()).setImage(r.image())
                                .setResources(Resources.newBuilder().setMilliCpu(1000).setMemoryMib(256).setDiskGib(2))
                                .build()));
                Status.Code expected = r.status() == 404 ? Status.Code.NOT_FOUND : Status.Code.INVALID_ARGUMENT;
                if (g == null || g.getStatus().getCode() != expected || !r.code().equals(GrpcCalls.errorCode(g))) {
                    failures.add("gRPC " + r + " → " + (g == null ? "accepted" : g.getStatus() + " " + GrpcCalls.errorCode(g)));
                }
            }
        }

        assertThat(failures).as("every reference refused on both APIs with the documented code").isEmpty();
        assertThat(Footprint.of("acme", alice)).as("nothing stored, quota unchanged").isEqualTo(before);
        assertThat(containersBefore).contains("berth-" + mine.getId());
        assertThat(DockerCli.containersOfTenant("acme")).as("nothing reached the Docker host")
                .containsExactlyInAnyOrderElementsOf(containersBefore);
    }

    @Test
    void ownSnapshotAndRegisteredPlatformImagesStillRun() throws Exception {
        Workload mine = run(alice, Api.sleeper("source", "0.2", 32));
        DockerCli.exec("berth-" + mine.getId(), "echo kept > /marker");
        snapshot(alice, mine.getId(), "v1");

        Workload fromSnapshot = run(alice, new WorkloadCreate().name("from-snapshot").kind(WorkloadKind.CONTAINER)
                .image("snapshot:" + mine.getId() + "/v1").command(List.of("sleep", "600"))
                .resources(new ResourceRequest().vcpu(new BigDecimal("0.2")).memoryMiB(32L)));
        assertThat(fromSnapshot.getImage()).isEqualTo("snapshot:" + mine.getId() + "/v1");
        assertThat(fromSnapshot.getImageSource()).isEqualTo(ImageSourceKind.SNAPSHOT);
        assertThat(DockerCli.exec("berth-" + fromSnapshot.getId(), "cat /marker")).isEqualTo("kept");
        assertThat(TestDatabase.strings("SELECT image_resolved->>'artefact' FROM workload WHERE id = '"
                + fromSnapshot.getId() + "'")).containsExactly("berth-snapshots/" + mine.getId() + ":v1");

        Workload registry = run(alice, Api.sleeper("registry", "0.2", 32));
        assertThat(registry.getImageSource()).isEqualTo(ImageSourceKind.REGISTRY);

        Workload vm = run(alice, new WorkloadCreate().name("vm").kind(WorkloadKind.VM).image(PlatformImages.DEBIAN_BASE)
                .resources(new ResourceRequest().vcpu(BigDecimal.ONE).memoryMiB(256L).diskGiB(2L)));
        assertThat(vm.getImageSource()).isEqualTo(ImageSourceKind.PLATFORM);

        try (GrpcCalls grpc = new GrpcCalls()) {
            WorkloadsGrpc.WorkloadsBlockingStub aliceGrpc = grpc.workloads(Tokens.user("alice"));
            dev.berth.grpc.v1.Workload viaGrpc = aliceGrpc.createWorkload(CreateWorkloadRequest.newBuilder()
                    .setName("from-snapshot-grpc").setKind("container").setImage("snapshot:" + mine.getId() + "/v1")
                    .addCommand("sleep").addCommand("600")
                    .setResources(Resources.newBuilder().setMilliCpu(200).setMemoryMib(32)).build()).getWorkload();
            assertThat(viaGrpc.getImageSource()).isEqualTo("snapshot");
            alice.awaitStatus(UUID.fromString(viaGrpc.getId()), WorkloadStatus.RUNNING);
        }
    }

    /** Another tenant's snapshot answers exactly like a missing one: its existence does not leak. */
    @Test
    void foreignAndMissingSnapshotsLookTheSame() throws Exception {
        Workload secret = run(bob, Api.sleeper("secret", "0.2", 32));
        snapshot(bob, secret.getId(), "nightly");

        ApiException foreign = create(alice, "snapshot:" + secret.getId() + "/nightly");
        ApiException missing = create(alice, "snapshot:" + UUID.randomUUID() + "/nightly");

        assertThat(foreign.getCode()).isEqualTo(404);
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(foreign)).isEqualTo(BerthProblems.code(missing)).isEqualTo("snapshot.not_found");
    }

    private static ApiException create(Api api, String image) {
        return catchThrowableOfType(ApiException.class, () -> api.workloads().createWorkload(
                new WorkloadCreate().name("x").kind(WorkloadKind.CONTAINER).image(image)
                        .resources(new ResourceRequest().vcpu(new BigDecimal("0.2")).memoryMiB(32L)), null));
    }

    private static Workload run(Api api, WorkloadCreate create) throws ApiException {
        Workload w = api.workloads().createWorkload(create, null).getWorkload();
        return api.awaitStatus(w.getId(), WorkloadStatus.RUNNING);
    }

    private static void snapshot(Api api, UUID workloadId, String name) throws ApiException {
        WorkloadOperation accepted = api.workloads().createSnapshot(workloadId, new SnapshotCreate().name(name), null);
        UUID op = accepted.getOperation().getId();
        Operation done = Await.until("snapshot " + name, Duration.ofSeconds(60), () -> {
            try {
                return api.operations().getOperation(op);
            } catch (ApiException e) {
                throw new AssertionError(e.getResponseBody(), e);
            }
        }, o -> o.getStatus() == OperationStatus.SUCCEEDED || o.getStatus() == OperationStatus.FAILED);
        assertThat(done.getStatus()).as(String.valueOf(done.getError())).isEqualTo(OperationStatus.SUCCEEDED);
    }

    private record Refusal(String image, String kind, int status, String code) {
    }

    /** What a refused create could have left: rows, records, reservations. */
    private record Footprint(long workloads, long operations, long admissionRecords, long idempotencyKeys,
                             String usage) {
        static Footprint of(String tenant, Api api) throws ApiException {
            return new Footprint(
                    TestDatabase.longValue("SELECT count(*) FROM workload WHERE tenant = '" + tenant + "'"),
                    TestDatabase.longValue("SELECT count(*) FROM operation WHERE tenant = '" + tenant + "'"),
                    TestDatabase.longValue("SELECT count(*) FROM admission_record WHERE tenant = '" + tenant + "'"),
                    TestDatabase.longValue("SELECT count(*) FROM idempotency_key WHERE tenant = '" + tenant + "'"),
                    String.valueOf(api.quota().getQuota().getUsage()));
        }
    }
}
