package dev.berth.broker.problems;

import java.util.List;
import java.util.UUID;

import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.ProblemBodyGuard;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.GetWorkloadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The suite-wide guard on error answers ({@code testsupport.ProblemBodyGuard}) is installed and
 * can fail: it is not allowed to pass vacuously.
 */
@QuarkusTest
class ProblemBodyGuardTest {

    @Test
    void catchesAProblemBodyThatQuotesANullPointerException() {
        long before = ProblemBodyGuard.checkedCount();
        given().get("/test-only/leaky-problem").then().statusCode(500);

        List<String> caught = ProblemBodyGuard.drain();
        assertThat(ProblemBodyGuard.checkedCount()).as("the REST filter saw the answer").isGreaterThan(before);
        assertThat(caught).as("the guard would have failed this test").singleElement().asString()
                .contains("/test-only/leaky-problem", "java.lang.NullPointerException");
    }

    @Test
    void checksEveryRestAndGrpcErrorAnswerAndLetsCleanOnesPass() throws InterruptedException {
        long before = ProblemBodyGuard.checkedCount();
        given().auth().oauth2(Tokens.user("alice")).get("/v1/workloads/" + UUID.randomUUID())
                .then().statusCode(404);
        long afterRest = ProblemBodyGuard.checkedCount();
        assertThat(afterRest).as("REST error answers are checked").isGreaterThan(before);

        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.workloads(Tokens.user("alice"))
                    .getWorkload(GetWorkloadRequest.newBuilder().setWorkloadId(UUID.randomUUID().toString()).build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
        assertThat(ProblemBodyGuard.checkedCount()).as("gRPC error statuses are checked").isGreaterThan(afterRest);
        assertThat(ProblemBodyGuard.drain()).as("clean answers pass").isEmpty();
    }

    @Test
    void patternsMatchInternalsAndNotOrdinaryMessages() {
        for (String leak : List.of("Cannot construct instance of `dev.berth.api.model.WorkloadCreate`",
                "Cannot deserialize value of type `java.math.BigDecimal` from String", "com.fasterxml.jackson.core.JsonParseException",
                "IllegalStateException: boom", "\tat dev.berth.broker.Foo.bar(Foo.java:12)", "Cannot invoke \"String.length()\"")) {
            assertThat(ProblemBodyGuard.leak(leak)).as(leak).isNotNull();
        }
        for (String clean : List.of("Field 'resources.memoryMiB' must be an integer.", "The request has invalid fields: "
                + "[labels.team size must be between 0 and 253]", "No workload 3f0c2c54-5f0b-4a57-9d7a-2d1c7a4c1e11.",
                "https://berth.dev/problems/request.invalid", "quota exceeded: memoryMiB 4096 + 16 > 4096")) {
            assertThat(ProblemBodyGuard.leak(clean)).as(clean).isNull();
        }
    }
}
