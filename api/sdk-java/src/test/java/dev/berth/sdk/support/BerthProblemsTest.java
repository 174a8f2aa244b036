package dev.berth.sdk.support;

import java.net.http.HttpHeaders;
import java.util.Map;

import dev.berth.sdk.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BerthProblemsTest {

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

    @Test
    void readsCodeOfProblemDocumentIgnoringFieldsItDoesNotKnow() {
        ApiException e = new ApiException(403, NO_HEADERS,
                "{\"type\":\"https://berth.dev/problems/auth.forbidden\",\"title\":\"Forbidden\","
                        + "\"status\":403,\"code\":\"auth.forbidden\",\"futureField\":1}");
        assertThat(BerthProblems.code(e)).isEqualTo("auth.forbidden");
        assertThat(BerthProblems.of(e)).get().extracting(p -> p.getStatus()).isEqualTo(403);
    }

    @Test
    void emptyOrForeignBodiesHaveNoProblem() {
        assertThat(BerthProblems.of(new ApiException(502, NO_HEADERS, ""))).isEmpty();
        assertThat(BerthProblems.code(new ApiException(502, NO_HEADERS, "<html>bad gateway</html>"))).isNull();
    }
}
