package dev.berth.cli;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodeTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "409, quota.exceeded,          REFUSED",
            "409, placement.no_fit,        REFUSED",
            "422, policy.denied,           REFUSED",
            "403, tenant.suspended,        REFUSED",
            "409, workload.name_taken,     CONFLICT",
            "404, workload.not_found,      NOT_FOUND",
            "400, request.invalid,         INVALID",
            "422, idempotency.key_reused,  INVALID",
            "401, auth.unauthenticated,    NOT_LOGGED_IN",
            "403, auth.forbidden,          FORBIDDEN",
            "429, rate_limited,            RATE_LIMITED",
            "429, watch.limit_exceeded,    RATE_LIMITED",
            "503, identity.unavailable,    UNAVAILABLE",
            "0,   null,                    UNAVAILABLE",
            "500, internal,                ERROR"})
    void problemClassesMapToTheirExitCode(int status, String code, ExitCode expected) {
        assertThat(ExitCode.forProblem(status, code)).isEqualTo(expected);
    }

    @Test
    void numbersAreUniqueAndStable() {
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code)).doesNotHaveDuplicates();
        assertThat(ExitCode.REFUSED.code()).isEqualTo(7);
        assertThat(ExitCode.NOT_FOUND.code()).isEqualTo(5);
        assertThat(ExitCode.UNAVAILABLE.code()).isEqualTo(12);
    }
}
