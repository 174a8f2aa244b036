package dev.berth.broker.cloud;

import java.util.List;
import java.util.stream.Stream;

import dev.berth.broker.testsupport.EmulatedAws;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * Bad input on every cloud account route: 400 problem+json with a stable code, nothing
 * written (the one account made before each case, its one target, both unchanged), and
 * credentials that look like keys are never echoed back.
 */
@QuarkusTest
class CloudAccountsBadInputTest {

    /** AWS's documentation example keys: shaped like real ones, valid nowhere. */
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static final String LIMITS = "\"limits\":{\"maxVcpu\":4,\"maxInstances\":2}";
    private static final String GOOD = "{\"name\":\"other\",\"regions\":[\"us-east-1\"]," + LIMITS + "}";

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
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host WHERE updated_at <> created_at")).isZero();
    }

    static Stream<Arguments> badRequests() {
        String path = "/v1/admin/cloud-accounts";
        String prod = path + "/prod";
        return Stream.of(
                // method, path, body, expected code, text the answer must not contain (or null)
                Arguments.of("POST", path, GOOD.replace("other", "Bad_Name"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("other", "a".repeat(41)), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("\"name\":\"other\",", ""), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("us-east-1", "useast1"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("us-east-1", "US-EAST-1"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("[\"us-east-1\"]", "[]"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("[\"us-east-1\"]", "[\"us-east-1\",\"us-east-1\"]"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("us-east-1", "ap-south-1"), "request.invalid", null),
                Arguments.of("POST", path, withField("\"credentials\":\"" + ACCESS_KEY + "\""), "cloud_account.credentials_invalid", ACCESS_KEY),
                Arguments.of("POST", path, withField("\"credentials\":\"" + SECRET_KEY + "\""), "cloud_account.credentials_invalid", SECRET_KEY),
                Arguments.of("POST", path, withField("\"credentials\":\"" + ACCESS_KEY + ":" + SECRET_KEY + "\""), "cloud_account.credentials_invalid", SECRET_KEY),
                Arguments.of("POST", path, withField("\"credentials\":\"profile:x\",\"externalId\":\"" + SECRET_KEY + "\""), "cloud_account.credentials_invalid", SECRET_KEY),
                Arguments.of("POST", path, withField("\"credentials\":\"role:not-an-arn\""), "cloud_account.credentials_invalid", "not-an-arn"),
                Arguments.of("POST", path, withField("\"credentials\":\"default\",\"externalId\":\"ext-1234\""), "cloud_account.credentials_invalid", null),
                Arguments.of("POST", path, withField("\"secretAccessKey\":\"" + SECRET_KEY + "\""), "request.invalid", SECRET_KEY),
                Arguments.of("POST", path, GOOD.replace("\"maxVcpu\":4", "\"maxVcpu\":-4"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("\"maxInstances\":2", "\"maxInstances\":0"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", ",\"maxMemoryMiB\":-1}}"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("," + LIMITS, ""), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", ",\"maxGpus\":1}}"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", "},\"catalogue\":" + catalogue("\"hourlyUsd\":-0.01") + "}"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", "},\"catalogue\":" + catalogue("\"hourlyUsd\":0.01,\"spotUsd\":0.003") + "}"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", "},\"catalogue\":" + catalogue("\"hourlyUsd\":0.01").replace("us-east-1", "eu-west-1") + "}"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", "},\"settings\":{\"subnetIds\":[\"subnet-zz\"]}}"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", "},\"settings\":{\"endpointOverride\":\"ftp://127.0.0.1:1\"}}"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", "},\"settings\":{\"kinds\":[\"vm\",\"vm\"]}}"), "request.invalid", null),
                Arguments.of("POST", path, GOOD.replace("}}", "},\"settings\":{\"accessKey\":\"x\"}}"), "request.invalid", null),
                Arguments.of("POST", path, withField("\"provider\":\"gcp\""), "request.malformed", null),
                Arguments.of("POST", path, "{\"name\": ", "request.malformed", null),
                Arguments.of("GET", path + "?pageSize=0", null, "request.invalid", null),
                Arguments.of("GET", path + "?pageToken=%25%25%25", null, "request.invalid", null),
                Arguments.of("GET", path + "/Bad_Name", null, "request.invalid", null),
                Arguments.of("PATCH", path + "/Bad_Name", "{}", "request.invalid", null),
                Arguments.of("PATCH", prod, "{\"regions\":[\"nowhere\"]}", "request.invalid", null),
                Arguments.of("PATCH", prod, "{\"regions\":[\"us-east-1\",\"us-east-1\"]}", "request.invalid", null),
                Arguments.of("PATCH", prod, "{\"credentials\":\"" + ACCESS_KEY + "\"}", "cloud_account.credentials_invalid", ACCESS_KEY),
                Arguments.of("PATCH", prod, "{\"limits\":{\"maxVcpu\":-1,\"maxInstances\":1}}", "request.invalid", null),
                Arguments.of("PATCH", prod, "{\"name\":\"renamed\"}", "request.invalid", null),
                Arguments.of("PATCH", prod, "{\"catalogue\":{\"regions\":{}}}", "request.invalid", null),
                Arguments.of("DELETE", path + "/Bad_Name", null, "request.invalid", null));
    }

    /** The good request with one more member in front. */
    private static String withField(String member) {
        return "{" + member + "," + GOOD.substring(1);
    }

    private static String catalogue(String typePrice) {
        return "{\"regions\":{\"us-east-1\":{\"instanceTypes\":[{\"name\":\"t3.micro\",\"vcpu\":2,\"memoryMiB\":1024,"
                + typePrice + "}],\"fargate\":{\"vcpuHourUsd\":0.04,\"gibHourUsd\":0.004}}}}";
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badRequests")
    void refusedWithAProblemAndNothingWritten(String method, String path, String body, String code, String notEchoed) {
        var request = given().auth().oauth2(Tokens.user("admin"));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        var response = request.when().request(method, path).then();
        response.statusCode(400).contentType(startsWith("application/problem+json")).body("code", equalTo(code));
        if (notEchoed != null) {
            response.body(not(containsString(notEchoed)));
        }
    }
}
