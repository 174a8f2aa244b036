package dev.berth.broker.snapshots;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.PlatformImages;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.Operation;
import dev.berth.sdk.model.OperationStatus;
import dev.berth.sdk.model.QuotaLimits;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.SnapshotCreate;
import dev.berth.sdk.model.SnapshotRestore;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/** Snapshots, restore in place, and restore of a deleted workload as a new one. */
@QuarkusTest
class SnapshotTest {

    private Api alice;

    @BeforeEach
    void setUp() throws ApiException {
        TestDatabase.reset();
        PlatformImages.registerVmImages();
        Api.registerLocalDocker("docker-1", null);
        Api.as("admin").hosts().registerHost(new HostCreate().name("kvm-1").driver(HostDriver.LIBVIRT)
                .endpoint("test:///default").options(Map.of("seedBaseImages", "debian-12-base")));
        Api.setQuota("acme", "8", 4096, 40, 10);
        alice = Api.as("alice");
    }

    @Test
    void containerSnapshotRestoresInPlaceAndOutlivesTheWorkload() throws Exception {
        Workload w = alice.workloads().createWorkload(Api.sleeper("web", "0.2", 32), null).getWorkload();
        alice.awaitStatus(w.getId(), WorkloadStatus.RUNNING);
        String container = "berth-" + w.getId();
        DockerCli.exec(container, "echo v1 > /marker");

        await(alice.workloads().createSnapshot(w.getId(), new SnapshotCreate().name("s1"), null));
        assertThat(alice.workloads().listSnapshots(w.getId()).getItems())
                .singleElement().satisfies(s -> assertThat(s.getStatus().getValue()).isEqualTo("AVAILABLE"));
        assertThat(alice.quota().getQuota().getUsage().getSnapshots()).isEqualTo(1);

        DockerCli.exec(container, "echo v2 > /marker");
        await(alice.workloads().restoreSnapshot(w.getId(), "s1", null, null));
        assertThat(alice.workloads().getWorkload(w.getId()).getStatus()).isEqualTo(WorkloadStatus.RUNNING);
        assertThat(DockerCli.exec(container, "cat /marker")).isEqualTo("v1");

        alice.workloads().deleteWorkload(w.getId(), null);
        alice.awaitStatus(w.getId(), WorkloadStatus.DELETED);
        assertThat(alice.workloads().listSnapshots(w.getId()).getItems()).as("images outlive containers").hasSize(1);

        WorkloadOperation reborn = alice.workloads().restoreSnapshot(w.getId(), "s1", null,
                new SnapshotRestore().asNewWorkload("web-reborn"));
        Workload copy = reborn.getWorkload();
        assertThat(copy.getId()).isNotEqualTo(w.getId());
        assertThat(copy.getName()).isEqualTo("web-reborn");
        assertThat(copy.getImage()).isEqualTo("snapshot:" + w.getId() + "/s1");
        assertThat(copy.getImageSource()).isEqualTo(dev.berth.sdk.model.ImageSourceKind.SNAPSHOT);
        alice.awaitStatus(copy.getId(), WorkloadStatus.RUNNING);
        assertThat(DockerCli.exec("berth-" + copy.getId(), "cat /marker")).isEqualTo("v1");
        assertThat(alice.quota().getQuota().getUsage().getInstances()).as("the copy was admitted like any workload").isEqualTo(1);

        await(alice.workloads().deleteSnapshot(w.getId(), "s1", null));
        assertThat(alice.workloads().listSnapshots(w.getId()).getItems()).isEmpty();
        assertThat(alice.quota().getQuota().getUsage().getSnapshots()).isZero();
    }

    @Test
    void vmSnapshotsKeepABackupThatRestoresADeletedVmAsANewOne() throws Exception {
        Workload vm = alice.workloads().createWorkload(new WorkloadCreate().name("vm").kind(WorkloadKind.VM)
                .image("debian-12-base").resources(new ResourceRequest().vcpu(BigDecimal.ONE).memoryMiB(256L).diskGiB(2L)), null)
                .getWorkload();
        alice.awaitStatus(vm.getId(), WorkloadStatus.RUNNING);
        await(alice.workloads().createSnapshot(vm.getId(), new SnapshotCreate().name("before"), null));
        await(alice.workloads().restoreSnapshot(vm.getId(), "before", null, null));
        assertThat(alice.workloads().getWorkload(vm.getId()).getStatus()).isEqualTo(WorkloadStatus.RUNNING);

        alice.workloads().deleteWorkload(vm.getId(), null);
        alice.awaitStatus(vm.getId(), WorkloadStatus.DELETED);
        assertThat(alice.workloads().listSnapshots(vm.getId()).getItems()).as("the backup volume outlives the VM").hasSize(1);

        Workload copy = alice.workloads().restoreSnapshot(vm.getId(), "before", null,
                new SnapshotRestore().asNewWorkload("vm-restored")).getWorkload();
        assertThat(copy.getKind()).isEqualTo(WorkloadKind.VM);
        assertThat(copy.getImage()).isEqualTo("snapshot:" + vm.getId() + "/before");
        assertThat(copy.getImageSource()).isEqualTo(dev.berth.sdk.model.ImageSourceKind.SNAPSHOT);
        alice.awaitStatus(copy.getId(), WorkloadStatus.RUNNING);
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isEqualTo(1);

        await(alice.workloads().deleteSnapshot(vm.getId(), "before", null));
        assertThat(alice.workloads().listSnapshots(vm.getId()).getItems()).isEmpty();
        assertThat(alice.quota().getQuota().getUsage().getSnapshots()).isZero();
        ApiException gone = catchThrowableOfType(ApiException.class, () -> alice.workloads().restoreSnapshot(vm.getId(),
                "before", null, new SnapshotRestore().asNewWorkload("again")));
        assertThat(BerthProblems.code(gone)).isEqualTo("snapshot.not_found");
    }

    @Test
    void snapshotQuotaIsEnforcedAndNamesAreUnique() throws Exception {
        Api.as("admin").quotas().setTenantQuota("acme", new QuotaLimits().vcpu(new BigDecimal("8")).memoryMiB(4096L)
                .diskGiB(40L).instances(10).snapshots(1));
        Workload w = alice.workloads().createWorkload(Api.sleeper("q", "0.2", 32), null).getWorkload();
        alice.awaitStatus(w.getId(), WorkloadStatus.RUNNING);
        alice.workloads().createSnapshot(w.getId(), new SnapshotCreate().name("one"), null);
        ApiException taken = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createSnapshot(w.getId(), new SnapshotCreate().name("one"), null));
        assertThat(BerthProblems.code(taken)).isEqualTo("snapshot.name_taken");
        ApiException over = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createSnapshot(w.getId(), new SnapshotCreate().name("two"), null));
        assertThat(over.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(over)).isEqualTo("quota.exceeded");
        assertThat(over.getResponseBody()).contains("snapshots");
    }

    @Test
    void otherTenantsAndBadNamesAreRefused() throws Exception {
        Workload w = alice.workloads().createWorkload(Api.sleeper("mine", "0.2", 32), null).getWorkload();
        alice.awaitStatus(w.getId(), WorkloadStatus.RUNNING);
        await(alice.workloads().createSnapshot(w.getId(), new SnapshotCreate().name("s"), null));
        String bob = Tokens.user("bob");
        given().auth().oauth2(bob).get("/v1/workloads/" + w.getId() + "/snapshots").then().statusCode(404)
                .body("code", equalTo("workload.not_found"));
        given().auth().oauth2(bob).contentType("application/json").body("{\"name\":\"x\"}")
                .post("/v1/workloads/" + w.getId() + "/snapshots").then().statusCode(404);
        given().auth().oauth2(bob).delete("/v1/workloads/" + w.getId() + "/snapshots/s").then().statusCode(404);
        given().auth().oauth2(bob).contentType("application/json").body("{}")
                .post("/v1/workloads/" + w.getId() + "/snapshots/s/restore").then().statusCode(404);

        String token = Tokens.user("alice");
        given().auth().oauth2(token).contentType("application/json").body("{\"name\":\"../etc\"}")
                .post("/v1/workloads/" + w.getId() + "/snapshots").then().statusCode(400).body("code", equalTo("request.invalid"));
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .post("/v1/workloads/" + w.getId() + "/snapshots/nope/restore").then().statusCode(404)
                .body("code", equalTo("snapshot.not_found"));
        given().auth().oauth2(token).contentType("application/json").body("{\"asNewWorkload\":\"Bad Name\"}")
                .post("/v1/workloads/" + w.getId() + "/snapshots/s/restore").then().statusCode(400);
        assertThat(TestDatabase.longValue("SELECT count(*) FROM snapshot")).isEqualTo(1);
    }

    private Operation await(WorkloadOperation accepted) {
        UUID op = accepted.getOperation().getId();
        Operation done = Await.until("operation " + op, Duration.ofSeconds(60), () -> {
            try {
                return alice.operations().getOperation(op);
            } catch (ApiException e) {
                throw new AssertionError(e);
            }
        }, o -> o.getStatus() == OperationStatus.SUCCEEDED || o.getStatus() == OperationStatus.FAILED);
        assertThat(done.getStatus()).as(String.valueOf(done.getError())).isEqualTo(OperationStatus.SUCCEEDED);
        return done;
    }
}
