package dev.berth.broker.workloads;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.GetOperationRequest;
import dev.berth.grpc.v1.GetWorkloadRequest;
import dev.berth.grpc.v1.ListWorkloadEventsRequest;
import dev.berth.grpc.v1.ListWorkloadsRequest;
import dev.berth.grpc.v1.WorkloadActionRequest;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Bob (tenant globex) and globex's service account must not see or touch anything of
 * alice's (tenant acme): every route answers 404 — exactly as for an id that never
 * existed — over REST and gRPC, and lists never show acme's objects.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

    private UUID workloadId;
    private UUID operationId;
    private GrpcCalls grpc;

    @BeforeAll
    void aliceHasARunningWorkload() throws ApiException {
        TestDatabase.reset();
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "2", 1024, 10, 5);
        Api.setQuota("globex", "2", 1024, 10, 5);
        Api alice = Api.as("alice");
        WorkloadOperation accepted = alice.workloads().createWorkload(Api.sleeper("secret-svc", "0.1", 16), null);
        workloadId = accepted.getWorkload().getId();
        operationId = accepted.getOperation().getId();
        alice.awaitStatus(workloadId, WorkloadStatus.RUNNING);
        grpc = new GrpcCalls();
    }

    @AfterAll
    void close() throws InterruptedException {
        grpc.close();
    }

    interface Call {
        Object apply(Api api, UUID workload, UUID operation) throws ApiException;
    }

    Stream<Arguments> restRoutes() {
        return Stream.of(
                Arguments.of("GET workload", (Call) (a, w, o) -> a.workloads().getWorkload(w)),
                Arguments.of("DELETE workload", (Call) (a, w, o) -> a.workloads().deleteWorkload(w, null)),
                Arguments.of("start", (Call) (a, w, o) -> a.workloads().startWorkload(w, null)),
                Arguments.of("stop", (Call) (a, w, o) -> a.workloads().stopWorkload(w, null)),
                Arguments.of("restart", (Call) (a, w, o) -> a.workloads().restartWorkload(w, null)),
                Arguments.of("events", (Call) (a, w, o) -> a.workloads().listWorkloadEvents(w, null, null, null, null, null)),
                Arguments.of("GET operation", (Call) (a, w, o) -> a.operations().getOperation(o)));
    }

    @ParameterizedTest(name = "REST {0}: foreign id is 404, like a missing one")
    @MethodSource("restRoutes")
    void restForeignIdsAreNotFound(String route, Call call) {
        for (Api intruder : List.of(Api.as("bob"), Api.asServiceAccount("globex-automation"))) {
            ApiException foreign = catchThrowableOfType(ApiException.class, () -> call.apply(intruder, workloadId, operationId));
            ApiException missing = catchThrowableOfType(ApiException.class,
                    () -> call.apply(intruder, UUID.randomUUID(), UUID.randomUUID()));
            assertThat(foreign).as(route).isNotNull();
            assertThat(foreign.getCode()).isEqualTo(404);
            assertThat(BerthProblems.code(foreign)).isEqualTo(BerthProblems.code(missing)).endsWith(".not_found");
        }
    }

    @Test
    void listsAndQuotaNeverShowAnotherTenant() throws ApiException {
        assertThat(Api.as("bob").workloads().listWorkloads(null, null, null, null).getItems()).isEmpty();
        assertThat(Api.as("bob").quota().getQuota().getUsage().getInstances()).isZero();
        assertThat(grpc.workloads(Tokens.user("bob")).listWorkloads(ListWorkloadsRequest.getDefaultInstance()).getItemsCount())
                .isZero();
    }

    @Test
    void aliceStillOwnsItUntouched() throws ApiException {
        var w = Api.as("alice").workloads().getWorkload(workloadId);
        assertThat(w.getStatus()).isEqualTo(WorkloadStatus.RUNNING);
        assertThat(Api.as("alice").workloads().listWorkloadEvents(workloadId, 200, null, null, null, null).getItems())
                .noneMatch(e -> e.getActor() != null && e.getActor().contains("bob"));
    }

    Stream<Arguments> grpcRoutes() {
        return Stream.of(
                Arguments.of("GetWorkload", (GrpcRoute) (g, t, w, o) -> g.workloads(t).getWorkload(
                        GetWorkloadRequest.newBuilder().setWorkloadId(w).build())),
                Arguments.of("DeleteWorkload", (GrpcRoute) (g, t, w, o) -> g.workloads(t).deleteWorkload(
                        WorkloadActionRequest.newBuilder().setWorkloadId(w).build())),
                Arguments.of("StartWorkload", (GrpcRoute) (g, t, w, o) -> g.workloads(t).startWorkload(
                        WorkloadActionRequest.newBuilder().setWorkloadId(w).build())),
                Arguments.of("StopWorkload", (GrpcRoute) (g, t, w, o) -> g.workloads(t).stopWorkload(
                        WorkloadActionRequest.newBuilder().setWorkloadId(w).build())),
                Arguments.of("RestartWorkload", (GrpcRoute) (g, t, w, o) -> g.workloads(t).restartWorkload(
                        WorkloadActionRequest.newBuilder().setWorkloadId(w).build())),
                Arguments.of("ListWorkloadEvents", (GrpcRoute) (g, t, w, o) -> g.workloads(t).listWorkloadEvents(
                        ListWorkloadEventsRequest.newBuilder().setWorkloadId(w).build())),
                Arguments.of("GetOperation", (GrpcRoute) (g, t, w, o) -> g.workloads(t).getOperation(
                        GetOperationRequest.newBuilder().setOperationId(o).build())));
    }

    interface GrpcRoute {
        Object apply(GrpcCalls grpc, String token, String workload, String operation);
    }

    @ParameterizedTest(name = "gRPC {0}: foreign id is NOT_FOUND")
    @MethodSource("grpcRoutes")
    void grpcForeignIdsAreNotFound(String route, GrpcRoute call) {
        String bob = Tokens.user("bob");
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> call.apply(grpc, bob, workloadId.toString(), operationId.toString()));
        assertThat(e).as(route).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcCalls.errorCode(e)).endsWith(".not_found");
    }
}
