package dev.berth.broker.cloud;

import java.util.List;

import dev.berth.broker.testsupport.EmulatedAws;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CloudAccountSettings;
import dev.berth.grpc.v1.UpdateCloudAccountRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 13, finding 2, for cloud accounts: an account's endpoint override sends its signed
 * requests wherever it points, so it passes the destination policy's cloud API rules —
 * loopback only by default — on create and update, over REST and gRPC, before any probe;
 * refused with {@code 400 request.invalid} on {@code settings.endpointOverride}, nothing written.
 * (Loopback, the emulator on 127.0.0.1, is what every other cloud test uses.)
 */
@QuarkusTest
class CloudEndpointOverrideTest {

    private static final String PATH = "/v1/admin/cloud-accounts";

    @BeforeEach
    void oneAccount() {
        TestDatabase.reset();
        EmulatedAws.fresh();
        EmulatedAws.register("prod", List.of(EmulatedAws.REGION));
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(TestDatabase.strings("SELECT name FROM cloud_account")).containsExactly("prod");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM cloud_account WHERE updated_at <> created_at")).isZero();
        assertThat(TestDatabase.strings("SELECT name FROM host")).containsExactly("prod-us-east-1");
        assertThat(TestDatabase.strings("SELECT options->>'endpointOverride' FROM host"))
                .containsExactly(EmulatedAws.get().endpoint().toString());
    }

    @ParameterizedTest(name = "REST {0}")
    @ValueSource(strings = {"http://169.254.169.254", "http://[fd00:ec2::254]", "http://[fe80::1]:80",
            "http://10.0.0.5:4566", "https://192.0.2.10", "http://127.1:4566"})
    void refusedOverRest(String override) {
        String create = "{\"name\":\"other\",\"regions\":[\"us-east-1\"],\"limits\":{\"maxVcpu\":4,\"maxInstances\":2},"
                + "\"settings\":{\"endpointOverride\":\"" + override + "\"}}";
        given().auth().oauth2(Tokens.user("admin")).contentType("application/json").body(create)
                .when().post(PATH).then().statusCode(400)
                .body("code", equalTo("request.invalid")).body("errors.field", hasItem("settings.endpointOverride"));

        given().auth().oauth2(Tokens.user("admin")).contentType("application/json")
                .body("{\"settings\":{\"endpointOverride\":\"" + override + "\"}}")
                .when().patch(PATH + "/prod").then().statusCode(400)
                .body("code", equalTo("request.invalid")).body("errors.field", hasItem("settings.endpointOverride"));
    }

    @ParameterizedTest(name = "gRPC {0}")
    @ValueSource(strings = {"http://169.254.169.254", "http://[fd00:ec2::254]", "http://10.0.0.5:4566"})
    void refusedOverGrpc(String override) throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            var admin = grpc.cloudAccounts(Tokens.user("admin"));
            StatusRuntimeException created = catchThrowableOfType(StatusRuntimeException.class, () -> admin.createCloudAccount(
                    CloudAccountsGrpcTest.prod().setName("other")
                            .setSettings(CloudAccountSettings.newBuilder().setEndpointOverride(override)).build()));
            StatusRuntimeException updated = catchThrowableOfType(StatusRuntimeException.class, () -> admin.updateCloudAccount(
                    UpdateCloudAccountRequest.newBuilder().setName("prod")
                            .setSettings(CloudAccountSettings.newBuilder().setEndpointOverride(override)).build()));
            for (StatusRuntimeException e : List.of(created, updated)) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(GrpcCalls.errorCode(e)).isEqualTo("request.invalid");
                assertThat(e.getStatus().getDescription()).contains("settings.endpointOverride");
            }
        }
    }
}
