package dev.berth.broker.reconcile;

import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.GetReconcileStatusRequest;
import dev.berth.grpc.v1.HostRequest;
import dev.berth.grpc.v1.ReconcilePass;
import dev.berth.grpc.v1.ReconcileStatus;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The reconciler's admin routes over REST and gRPC: parity, platform-admin only, bad input. */
@QuarkusTest
class ReconcileAdminTest {

    private Host host;

    @BeforeEach
    void fleet() {
        TestDatabase.reset();
        host = Api.registerLocalDocker("reconcile-admin-docker", null);
        Api.setQuota("acme", "2", 1024, 10, 5);
    }

    @Test
    void restAndGrpcRunAPassAndShowTheSameFindings() throws Exception {
        Api alice = Api.as("alice");
        Workload w = alice.workloads().createWorkload(Api.sleeper("gone", "0.25", 32), null).getWorkload();
        alice.awaitStatus(w.getId(), WorkloadStatus.RUNNING);
        DockerCli.removeContainer("berth-" + w.getId());

        try (GrpcCalls grpc = new GrpcCalls()) {
            var admin = grpc.reconciliation(Tokens.user("admin"));
            ReconcilePass pass = admin.reconcileHost(HostRequest.newBuilder().setHostId(host.getId().toString()).build());
            assertThat(pass.getHostId()).isEqualTo(host.getId().toString());
            assertThat(pass.getTrigger()).isEqualTo("ADMIN");
            assertThat(pass.getFindingsMap()).containsEntry("LOST", 1);

            ReconcileStatus status = admin.getReconcileStatus(GetReconcileStatusRequest.getDefaultInstance());
            var rest = Api.as("admin").reconcile().getReconcileStatus();
            assertThat(status.getHostsList()).singleElement().satisfies(h -> {
                assertThat(h.getHostName()).isEqualTo("reconcile-admin-docker");
                assertThat(h.getLastPass().getFindingsMap()).containsEntry("LOST", 1);
            });
            assertThat(rest.getHosts()).singleElement().satisfies(h -> {
                assertThat(h.getLastPass().getFindings()).containsEntry("LOST", 1);
                assertThat(h.getLastPass().getReplica()).isEqualTo(status.getHosts(0).getLastPass().getReplica());
            });
        }
        assertThat(alice.workloads().getWorkload(w.getId()).getStatus()).isEqualTo(WorkloadStatus.LOST);
        try (GrpcCalls grpc = new GrpcCalls()) {
            var seen = grpc.workloads(Tokens.user("alice")).getWorkload(
                    dev.berth.grpc.v1.GetWorkloadRequest.newBuilder().setWorkloadId(w.getId().toString()).build());
            assertThat(seen.getStatus()).isEqualTo("LOST");
            assertThat(seen.getDesiredState()).isEqualTo("RUNNING");
            assertThat(seen.hasObserved()).isTrue();
            assertThat(seen.getObserved().getPhase()).isEqualTo("running");
        }
    }

    @Test
    void tenantsAreForbiddenOnBothRoutesOverRestAndGrpc() throws Exception {
        for (String user : new String[] {"alice", "carol"}) {
            ApiException run = catchThrowableOfType(ApiException.class,
                    () -> Api.as(user).reconcile().reconcileHost(host.getId()));
            assertThat(run.getCode()).isEqualTo(403);
            assertThat(BerthProblems.code(run)).isEqualTo("auth.forbidden");
            ApiException read = catchThrowableOfType(ApiException.class, () -> Api.as(user).reconcile().getReconcileStatus());
            assertThat(read.getCode()).isEqualTo(403);
        }
        try (GrpcCalls grpc = new GrpcCalls()) {
            var tenant = grpc.reconciliation(Tokens.user("alice"));
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> tenant.reconcileHost(HostRequest.newBuilder().setHostId(host.getId().toString()).build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(GrpcCalls.errorCode(e)).isEqualTo("auth.forbidden");
            StatusRuntimeException read = catchThrowableOfType(StatusRuntimeException.class,
                    () -> tenant.getReconcileStatus(GetReconcileStatusRequest.getDefaultInstance()));
            assertThat(read.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(TestDatabase.longValue("SELECT count(*) FROM reconcile_pass")).as("no pass ran").isZero();
    }

    @Test
    void unknownHostIsNotFoundAndAMalformedIdIsBadRequest() throws Exception {
        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> Api.as("admin").reconcile().reconcileHost(UUID.randomUUID()));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(missing)).isEqualTo("host.not_found");

        String token = Tokens.user("admin");
        RestAssured.given().baseUri(dev.berth.broker.testsupport.BrokerUnderTest.baseUrl())
                .header("Authorization", "Bearer " + token)
                .post("/v1/admin/hosts/not-a-uuid/reconcile")
                .then().statusCode(400).contentType("application/problem+json");

        try (GrpcCalls grpc = new GrpcCalls()) {
            var admin = grpc.reconciliation(token);
            StatusRuntimeException bad = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.reconcileHost(HostRequest.newBuilder().setHostId("not-a-uuid").build()));
            assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(bad)).isEqualTo("request.invalid");
            StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.reconcileHost(HostRequest.newBuilder().setHostId(UUID.randomUUID().toString()).build()));
            assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(GrpcCalls.errorCode(gone)).isEqualTo("host.not_found");
        }
        assertThat(TestDatabase.longValue("SELECT count(*) FROM reconcile_pass")).as("nothing recorded").isZero();
    }
}
