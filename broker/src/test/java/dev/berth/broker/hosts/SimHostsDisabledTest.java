package dev.berth.broker.hosts;

import java.util.Map;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.RegisterHostRequest;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The simulated provider is installed in every broker but off unless enabled: a broker as shipped refuses sim hosts. */
@QuarkusTest
class SimHostsDisabledTest {

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    @Test
    void registeringASimHostIsRefusedOverRestAndNothingIsStored() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> Api.as("admin").hosts().registerHost(
                new HostCreate().name("sim-1").driver(HostDriver.SIM).endpoint("sim://rack-1/sim-1")));

        assertThat(e.getCode()).isEqualTo(422);
        assertThat(BerthProblems.code(e)).isEqualTo("host.driver_unknown");
        assertThat(e.getResponseBody()).contains("berth.drivers.sim.enabled=true");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host")).isZero();
    }

    @Test
    void registeringASimHostIsRefusedOverGrpc() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.admin(Tokens.user("admin"))
                    .registerHost(RegisterHostRequest.newBuilder().setName("sim-1").setDriver("sim")
                            .setEndpoint("sim://rack-1/sim-1").putAllOptions(Map.of("vcpu", "4")).build()));

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(e)).isEqualTo("host.driver_unknown");
        }
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host")).isZero();
    }
}
