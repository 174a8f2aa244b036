package dev.berth.broker.workloads;

import java.time.Duration;
import java.util.Map;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.PlatformImages;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateSnapshotRequest;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.GetOperationRequest;
import dev.berth.grpc.v1.GetWorkloadRequest;
import dev.berth.grpc.v1.PlacementHints;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.RestoreSnapshotRequest;
import dev.berth.grpc.v1.SimulatePlacementRequest;
import dev.berth.grpc.v1.SimulatePlacementResponse;
import dev.berth.grpc.v1.SnapshotRequest;
import dev.berth.grpc.v1.WorkloadActionRequest;
import dev.berth.grpc.v1.WorkloadOperation;
import dev.berth.grpc.v1.WorkloadsGrpc;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The gRPC Workloads service covers what REST covers: kinds, hints, simulation, snapshots. */
@QuarkusTest
class WorkloadsGrpcParityTest {

    @BeforeEach
    void fleet() throws ApiException {
        TestDatabase.reset();
        PlatformImages.registerVmImages();
        Api.registerLocalDocker("docker-1", null);
        Api.as("admin").hosts().registerHost(new HostCreate().name("kvm-1").driver(HostDriver.LIBVIRT)
                .endpoint("test:///default").options(Map.of("seedBaseImages", "debian-12-base")));
        Api.setQuota("acme", "8", 4096, 40, 10);
    }

    @Test
    void kindsHintsSimulationAndSnapshotsOverGrpc() throws Exception {
        try (GrpcCalls grpc = new GrpcCalls()) {
            WorkloadsGrpc.WorkloadsBlockingStub alice = grpc.workloads(Tokens.user("alice"));
            CreateWorkloadRequest web = CreateWorkloadRequest.newBuilder().setName("web").setKind("auto")
                    .setImage("berth-demo/busybox:1").addCommand("sleep").addCommand("600")
                    .setResources(Resources.newBuilder().setMilliCpu(200).setMemoryMib(32))
                    .setPlacement(PlacementHints.newBuilder().setZone("local").setGroup("web").setAntiAffinity("soft")).build();

            SimulatePlacementResponse sim = alice.simulatePlacement(SimulatePlacementRequest.newBuilder().setWorkload(web).build());
            assertThat(sim.getFits()).isTrue();
            assertThat(sim.getHostName()).isEqualTo("docker-1");

            WorkloadOperation created = alice.createWorkload(web);
            assertThat(created.getWorkload().getKind()).isEqualTo("container");
            assertThat(created.getWorkload().getKindReason()).startsWith("auto:");
            assertThat(created.getWorkload().getPlacement().getGroup()).isEqualTo("web");
            String id = created.getWorkload().getId();
            awaitStatus(alice, id, "RUNNING");

            awaitOp(alice, alice.createSnapshot(CreateSnapshotRequest.newBuilder().setWorkloadId(id).setName("s1").build()));
            assertThat(alice.listSnapshots(WorkloadActionRequest.newBuilder().setWorkloadId(id).build()).getItemsList())
                    .singleElement().satisfies(s -> assertThat(s.getStatus()).isEqualTo("AVAILABLE"));
            awaitOp(alice, alice.restoreSnapshot(RestoreSnapshotRequest.newBuilder().setWorkloadId(id).setName("s1").build()));
            awaitOp(alice, alice.deleteSnapshot(SnapshotRequest.newBuilder().setWorkloadId(id).setName("s1").build()));

            WorkloadOperation vm = alice.createWorkload(CreateWorkloadRequest.newBuilder().setName("vm").setKind("auto")
                    .setImage("debian-12-base").setIsolation("strong")
                    .setResources(Resources.newBuilder().setMilliCpu(500).setMemoryMib(256).setDiskGib(2)).build());
            assertThat(vm.getWorkload().getKind()).isEqualTo("vm");
            assertThat(vm.getWorkload().getResources().getMilliCpu()).isEqualTo(1000);
            assertThat(vm.getWorkload().getKindReason()).contains("isolation: strong");

            WorkloadsGrpc.WorkloadsBlockingStub bob = grpc.workloads(Tokens.user("bob"));
            StatusRuntimeException foreign = catchThrowableOfType(StatusRuntimeException.class, () -> bob.listSnapshots(
                    WorkloadActionRequest.newBuilder().setWorkloadId(id).build()));
            assertThat(foreign.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            StatusRuntimeException badName = catchThrowableOfType(StatusRuntimeException.class, () -> alice.createSnapshot(
                    CreateSnapshotRequest.newBuilder().setWorkloadId(id).setName("../x").build()));
            assertThat(badName.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(badName)).isEqualTo("request.invalid");
        }
    }

    private static void awaitStatus(WorkloadsGrpc.WorkloadsBlockingStub stub, String id, String status) {
        Await.until("workload " + id + " " + status, Duration.ofSeconds(60),
                () -> stub.getWorkload(GetWorkloadRequest.newBuilder().setWorkloadId(id).build()).getStatus().equals(status));
    }

    private static void awaitOp(WorkloadsGrpc.WorkloadsBlockingStub stub, WorkloadOperation accepted) {
        String op = accepted.getOperation().getId();
        String status = Await.until("operation " + op, Duration.ofSeconds(60),
                () -> stub.getOperation(GetOperationRequest.newBuilder().setOperationId(op).build()).getStatus(),
                s -> s.equals("SUCCEEDED") || s.equals("FAILED"));
        assertThat(status).isEqualTo("SUCCEEDED");
    }
}
