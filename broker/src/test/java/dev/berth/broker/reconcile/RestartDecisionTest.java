package dev.berth.broker.reconcile;

import java.time.Duration;

import dev.berth.provider.spi.RestartPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Berth's restart policy: which exits restart, how long each restart waits, when it gives up. */
class RestartDecisionTest {

    private static final ReconcileConfig.Restart CONFIG = TestConfig.standard().restart(); // 10 s doubling to 5 min, 5 in a row

    @ParameterizedTest(name = "{0}, exit {1}, {2} restarts so far → {3} after {4}s")
    @CsvSource(nullValues = "null", value = {
            "ALWAYS,     0,    0, RESTART, 10",
            "ALWAYS,     1,    1, RESTART, 20",
            "ALWAYS,   137,    3, RESTART, 80",
            "ON_FAILURE, 3,    0, RESTART, 10",
            "ON_FAILURE, 3,    2, RESTART, 40",
            "ON_FAILURE, 0,    0, LEAVE,    0",
            "ON_FAILURE, null, 0, RESTART, 10",   // unknown exit code (a loss): counts as a failure
            "NEVER,      1,    0, LEAVE,    0",
            "NEVER,      null, 0, LEAVE,    0",
            "ALWAYS,     1,    5, GIVE_UP,  0",   // crash loop after 5 in a row
            "ON_FAILURE, 1,    9, GIVE_UP,  0",
            "ON_FAILURE, 0,    9, LEAVE,    0",   // a clean exit is never a crash loop
    })
    void decides(RestartPolicy policy, Integer exitCode, int restartsSoFar, RestartDecision.Action action, long delaySeconds) {
        RestartDecision decision = RestartDecision.decide(policy, exitCode, restartsSoFar, CONFIG);

        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(delaySeconds));
        if (action == RestartDecision.Action.RESTART) {
            assertThat(decision.restart()).isEqualTo(restartsSoFar + 1);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 10", "1, 20", "4, 160", "5, 300", "30, 300", "1000, 300"})
    void backoffDoublesUpToTheMaximum(int restartsSoFar, long seconds) {
        assertThat(RestartDecision.backoff(restartsSoFar, CONFIG)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
