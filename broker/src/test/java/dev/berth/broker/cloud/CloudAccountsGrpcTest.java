package dev.berth.broker.cloud;

import java.util.List;

import dev.berth.broker.testsupport.EmulatedAws;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CloudAccount;
import dev.berth.grpc.v1.CloudAccountLimits;
import dev.berth.grpc.v1.CloudAccountRequest;
import dev.berth.grpc.v1.CloudAccountSettings;
import dev.berth.grpc.v1.CloudAccountsGrpc;
import dev.berth.grpc.v1.CloudCatalogue;
import dev.berth.grpc.v1.CloudInstanceType;
import dev.berth.grpc.v1.CloudRegionPrices;
import dev.berth.grpc.v1.CreateCloudAccountRequest;
import dev.berth.grpc.v1.FargatePrices;
import dev.berth.grpc.v1.ListCloudAccountsRequest;
import dev.berth.grpc.v1.UpdateCloudAccountRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The gRPC CloudAccounts service: same service, role and error codes as /v1/admin/cloud-accounts. */
@QuarkusTest
class CloudAccountsGrpcTest {

    @BeforeEach
    void reset() {
        TestDatabase.reset();
        EmulatedAws.fresh();
    }

    static CreateCloudAccountRequest.Builder prod() {
        return CreateCloudAccountRequest.newBuilder().setName("prod").addRegions(EmulatedAws.REGION)
                .setLimits(CloudAccountLimits.newBuilder().setMaxVcpu(8).setMaxInstances(4))
                .setSettings(CloudAccountSettings.newBuilder().setEndpointOverride(EmulatedAws.get().endpoint().toString())
                        .addSubnetIds(EmulatedAws.SUBNET).setPollIntervalMillis(25).setWaitTimeoutSeconds(20));
    }

    @Test
    void adminManagesAccountsOverGrpc() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            CloudAccountsGrpc.CloudAccountsBlockingStub admin = grpc.cloudAccounts(Tokens.user("admin"));
            CloudAccount created = admin.createCloudAccount(prod().putLabels("tier", "burst").build());
            assertThat(created.getProvider()).isEqualTo("aws");
            assertThat(created.getCredentials()).isEqualTo("default");
            assertThat(created.getCatalogueSource()).isEqualTo("default");
            assertThat(created.getTargetsList()).singleElement().satisfies(t -> {
                assertThat(t.getHostName()).isEqualTo("prod-us-east-1");
                assertThat(t.getPriceVcpuHour()).isEqualTo("0.033351");
            });
            assertThat(admin.getCloudAccount(CloudAccountRequest.newBuilder().setName("prod").build())).isEqualTo(created);
            assertThat(admin.listCloudAccounts(ListCloudAccountsRequest.getDefaultInstance()).getItemsList())
                    .extracting(CloudAccount::getName).containsExactly("prod");

            CloudRegionPrices prices = CloudRegionPrices.newBuilder()
                    .addInstanceTypes(CloudInstanceType.newBuilder().setName("t3.micro").setVcpu(2).setMemoryMib(1024)
                            .setHourlyUsd("0.0104"))
                    .setFargate(FargatePrices.newBuilder().setVcpuHourUsd("0.10").setGibHourUsd("0.01")).build();
            CloudAccount updated = admin.updateCloudAccount(UpdateCloudAccountRequest.newBuilder().setName("prod")
                    .setCatalogue(CloudCatalogue.newBuilder().putRegions(EmulatedAws.REGION, prices))
                    .setLimits(CloudAccountLimits.newBuilder().setMaxVcpu(4).setMaxInstances(2)).build());
            assertThat(updated.getCatalogueSource()).isEqualTo("custom");
            assertThat(updated.getCatalogue().getRegionsMap().get(EmulatedAws.REGION).getInstanceTypes(0).getHourlyUsd())
                    .isEqualTo("0.0104");
            assertThat(updated.getLimits().getMaxVcpu()).isEqualTo(4);
            assertThat(updated.getLabelsMap()).containsEntry("tier", "burst");
            assertThat(updated.getTargets(0).getPriceVcpuHour()).isEqualTo("0.004952");

            admin.deleteCloudAccount(CloudAccountRequest.newBuilder().setName("prod").build());
            StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.getCloudAccount(CloudAccountRequest.newBuilder().setName("prod").build()));
            assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(gone.getTrailers().get(GrpcCalls.ERROR_CODE)).isEqualTo("cloud_account.not_found");
            assertThat(TestDatabase.longValue("SELECT count(*) FROM host")).isZero();
        }
    }

    @Test
    void tenantUsersAndTenantAdminsAreRefused() throws InterruptedException {
        EmulatedAws.register("prod", List.of(EmulatedAws.REGION));
        try (GrpcCalls grpc = new GrpcCalls()) {
            for (String user : List.of("alice", "carol", "bob")) {
                CloudAccountsGrpc.CloudAccountsBlockingStub stub = grpc.cloudAccounts(Tokens.user(user));
                for (Runnable call : List.<Runnable>of(
                        () -> stub.listCloudAccounts(ListCloudAccountsRequest.getDefaultInstance()),
                        () -> stub.getCloudAccount(CloudAccountRequest.newBuilder().setName("prod").build()),
                        () -> stub.createCloudAccount(prod().setName("mine").build()),
                        () -> stub.updateCloudAccount(UpdateCloudAccountRequest.newBuilder().setName("prod")
                                .setLimits(CloudAccountLimits.newBuilder().setMaxVcpu(1).setMaxInstances(1)).build()),
                        () -> stub.deleteCloudAccount(CloudAccountRequest.newBuilder().setName("prod").build()))) {
                    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
                    assertThat(e.getStatus().getCode()).as(user).isEqualTo(Status.Code.PERMISSION_DENIED);
                }
            }
        }
        assertThat(TestDatabase.strings("SELECT name FROM cloud_account")).containsExactly("prod");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM cloud_account WHERE updated_at <> created_at")).isZero();
    }

    @Test
    void badInputIsInvalidArgumentWithTheRestCodesAndNothingWritten() throws InterruptedException {
        EmulatedAws.register("prod", List.of(EmulatedAws.REGION));
        try (GrpcCalls grpc = new GrpcCalls()) {
            CloudAccountsGrpc.CloudAccountsBlockingStub admin = grpc.cloudAccounts(Tokens.user("admin"));
            List<Object[]> cases = List.of(
                    new Object[] {"request.invalid", (Runnable) () -> admin.createCloudAccount(prod().setName("Bad_Name").build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.createCloudAccount(prod().setName("x").clearRegions().addRegions("useast1").build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.createCloudAccount(prod().setName("x2").clearLimits().build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.createCloudAccount(prod().setName("x3")
                            .setLimits(CloudAccountLimits.newBuilder().setMaxVcpu(-1).setMaxInstances(1)).build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.createCloudAccount(prod().setName("x4").setProvider("gcp").build())},
                    new Object[] {"cloud_account.credentials_invalid", (Runnable) () -> admin.createCloudAccount(prod().setName("x5")
                            .setCredentials(CloudAccountsBadInputTest.ACCESS_KEY).build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.createCloudAccount(prod().setName("x6")
                            .setCatalogue(CloudCatalogue.newBuilder().putRegions(EmulatedAws.REGION, CloudRegionPrices.newBuilder()
                                    .addInstanceTypes(CloudInstanceType.newBuilder().setName("t3.micro").setVcpu(2)
                                            .setMemoryMib(1024).setHourlyUsd("cheap")).build())).build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.getCloudAccount(CloudAccountRequest.newBuilder().setName("Bad_Name").build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.deleteCloudAccount(CloudAccountRequest.newBuilder().setName("").build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.listCloudAccounts(ListCloudAccountsRequest.newBuilder().setPageToken("%%%").build())},
                    new Object[] {"request.invalid", (Runnable) () -> admin.updateCloudAccount(UpdateCloudAccountRequest.newBuilder()
                            .setName("prod").setReplaceRegions(true).addRegions("nowhere").build())},
                    new Object[] {"cloud_account.credentials_invalid", (Runnable) () -> admin.updateCloudAccount(UpdateCloudAccountRequest
                            .newBuilder().setName("prod").setCredentials(CloudAccountsBadInputTest.SECRET_KEY).build())});
            for (Object[] c : cases) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, ((Runnable) c[1])::run);
                assertThat(e).as(String.valueOf(c[0])).isNotNull();
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getTrailers().get(GrpcCalls.ERROR_CODE)).isEqualTo(c[0]);
                assertThat(String.valueOf(e.getStatus().getDescription())).doesNotContain(CloudAccountsBadInputTest.ACCESS_KEY)
                        .doesNotContain(CloudAccountsBadInputTest.SECRET_KEY);
            }
            StatusRuntimeException taken = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.createCloudAccount(prod().build()));
            assertThat(taken.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
            assertThat(taken.getTrailers().get(GrpcCalls.ERROR_CODE)).isEqualTo("cloud_account.name_taken");
        }
        assertThat(TestDatabase.strings("SELECT name FROM cloud_account")).containsExactly("prod");
        assertThat(TestDatabase.strings("SELECT name FROM host")).containsExactly("prod-us-east-1");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM cloud_account WHERE updated_at <> created_at")).isZero();
    }
}
