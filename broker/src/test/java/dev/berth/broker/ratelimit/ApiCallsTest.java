package dev.berth.broker.ratelimit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which calls are limited, and whether a call is a read or a mutation, alike on REST and gRPC. */
class ApiCallsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // method, path,                                  class (NONE = not limited)
            "GET,    /v1/workloads,                           READ",
            "HEAD,   /v1/workloads,                           READ",
            "GET,    /v1/me,                                  READ",
            "POST,   /v1/workloads,                           MUTATION",
            "DELETE, /v1/workloads/1,                         MUTATION",
            "PUT,    /v1/admin/tenants/acme/quota,            MUTATION",
            "PATCH,  /v1/admin/hosts/1,                       MUTATION",
            "POST,   /v1/workloads/1/start,                   MUTATION",
            "POST,   /v1/placements/simulate,                 READ",
            "POST,   /v1/placements/simulate/,                READ",
            "POST,   /v1/admin/policies/evaluate,             READ",
            "POST,   /v1/admin/policies/replay,               READ",
            "POST,   /v1/admin/policies,                      MUTATION",
            "GET,    /q/openapi,                              NONE",
            "GET,    /index.html,                             NONE",
            "POST,   /v1x/workloads,                          NONE",
    })
    void rest(String method, String path, String expected) {
        assertThat(ApiCalls.rest(method, path).map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/berth.v1.Workloads/GetWorkload,          READ",
            "/berth.v1.Workloads/ListWorkloads,        READ",
            "/berth.v1.Workloads/ListWorkloadEvents,   READ",
            "/berth.v1.Identity/WhoAmI,                READ",
            "/berth.v1.Workloads/SimulatePlacement,    READ",
            "/berth.v1.Policies/EvaluatePolicies,      READ",
            "/berth.v1.Policies/ReplayPolicy,          READ",
            "/berth.v1.Workloads/CreateWorkload,       MUTATION",
            "/berth.v1.Workloads/StopWorkload,         MUTATION",
            "/berth.v1.Admin/SetTenantQuota,           MUTATION",
            "/berth.v1.Members/ResetMemberPassword,    MUTATION",
            "/grpc.health.v1.Health/Check,             NONE",
            "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo, NONE",
    })
    void grpc(String path, String expected) {
        assertThat(ApiCalls.grpc(path).map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }
}
