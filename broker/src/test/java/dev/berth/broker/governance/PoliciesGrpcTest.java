package dev.berth.broker.governance;

import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.ListPoliciesRequest;
import dev.berth.grpc.v1.PoliciesGrpc;
import dev.berth.grpc.v1.Policy;
import dev.berth.grpc.v1.PolicyInput;
import dev.berth.grpc.v1.PolicyRequest;
import dev.berth.grpc.v1.TenantLabels;
import dev.berth.grpc.v1.TenantLabelsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The gRPC Policies service: same rules, codes and roles as /v1/admin/policies. */
@QuarkusTest
class PoliciesGrpcTest {

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    @Test
    void adminsManagePoliciesAndTenantLabelsTenantsCannot() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            PoliciesGrpc.PoliciesBlockingStub admin = grpc.policies(Tokens.user("admin"));
            PolicyInput input = PolicyInput.newBuilder().setId("small").setStage("admission")
                    .setExpression("request.resources.vcpu <= 2.0").setEffect("deny").setMode("enforce").setMessage("too big").build();
            Policy created = admin.createPolicy(input);
            assertThat(created.getVersion()).isEqualTo(1);
            assertThat(created.getUpdatedBy()).isEqualTo("admin");
            assertThat(admin.updatePolicy(input.toBuilder().setMode("audit").build()).getVersion()).isEqualTo(2);
            assertThat(admin.listPolicies(ListPoliciesRequest.getDefaultInstance()).getItemsList()).hasSize(1);
            assertThat(admin.listPolicyVersions(PolicyRequest.newBuilder().setId("small").build()).getItemsCount()).isEqualTo(2);

            StatusRuntimeException invalid = catchThrowableOfType(StatusRuntimeException.class, () -> admin.createPolicy(
                    input.toBuilder().setId("broken").setExpression("request.resources.vcpu > 'x'").build()));
            assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(invalid)).isEqualTo("policy.invalid");
            assertThat(invalid.getStatus().getDescription()).contains("expression");

            TenantLabels labels = admin.setTenantLabels(TenantLabels.newBuilder().setTenant("acme").putLabels("residency", "eu").build());
            assertThat(labels.getLabelsMap()).containsEntry("residency", "eu");
            assertThat(admin.getTenantLabels(TenantLabelsRequest.newBuilder().setTenant("acme").build()).getLabelsMap())
                    .containsEntry("residency", "eu");

            var evaluation = admin.evaluatePolicies(dev.berth.grpc.v1.EvaluatePoliciesRequest.newBuilder()
                    .setDraft(input).setTenant("acme").setWorkload(dev.berth.grpc.v1.CreateWorkloadRequest.newBuilder()
                            .setName("big").setKind("container").setImage("berth-demo/busybox:1")
                            .setResources(dev.berth.grpc.v1.Resources.newBuilder().setMilliCpu(3000).setMemoryMib(16))).build());
            assertThat(evaluation.getAllowed()).isFalse();
            assertThat(evaluation.getOutcomes(0).getStatus()).isEqualTo("VIOLATED");
            var replay = admin.replayPolicy(dev.berth.grpc.v1.ReplayPolicyRequest.newBuilder().setDraft(input)
                    .setFrom(com.google.protobuf.Timestamp.newBuilder().setSeconds(java.time.Instant.now().getEpochSecond() - 3600))
                    .setTo(com.google.protobuf.Timestamp.newBuilder().setSeconds(java.time.Instant.now().getEpochSecond() + 60)).build());
            assertThat(replay.getRequestsEvaluated()).as("nothing recorded after the reset").isZero();

            StatusRuntimeException forbidden = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.policies(Tokens.user("carol")).listPolicies(ListPoliciesRequest.getDefaultInstance()));
            assertThat(forbidden.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.getPolicy(PolicyRequest.newBuilder().setId("nope").build()));
            assertThat(GrpcCalls.errorCode(missing)).isEqualTo("policy.not_found");
            StatusRuntimeException badId = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.getPolicy(PolicyRequest.newBuilder().setId("Bad Id").build()));
            assertThat(GrpcCalls.errorCode(badId)).isEqualTo("request.invalid");
        }
    }
}
