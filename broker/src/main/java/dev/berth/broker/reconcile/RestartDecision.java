package dev.berth.broker.reconcile;

import java.time.Duration;

import dev.berth.provider.spi.RestartPolicy;

/**
 * Berth's restart policy, like Kubernetes' container restart with {@code CrashLoopBackOff}:
 * {@code always} restarts after any exit, {@code on-failure} after a non-zero (or unknown)
 * exit code, {@code never} leaves it stopped. Restart n (1-based) waits
 * {@code initial × 2^(n-1)}, at most {@code max}; after {@code crashLoopAfter} restarts in a
 * row Berth gives up (CRASH_LOOP) until the tenant starts it again.
 *
 * @param action  what to do
 * @param delay   how long to wait before the restart (RESTART only)
 * @param restart the restart's number, 1-based (RESTART only)
 */
record RestartDecision(Action action, Duration delay, int restart) {

    enum Action {
        /** Start it again after {@code delay}. */
        RESTART,
        /** The policy says no: it stays stopped (or lost). */
        LEAVE,
        /** Restarted too often in a row: CRASH_LOOP (or, lost, left LOST). */
        GIVE_UP
    }

    static RestartDecision decide(RestartPolicy policy, Integer exitCode, int restartsSoFar, ReconcileConfig.Restart config) {
        boolean wanted = switch (policy) {
            case ALWAYS -> true;
            case ON_FAILURE -> exitCode == null || exitCode != 0;
            case NEVER -> false;
        };
        if (!wanted) {
            return new RestartDecision(Action.LEAVE, Duration.ZERO, 0);
        }
        if (restartsSoFar >= config.crashLoopAfter()) {
            return new RestartDecision(Action.GIVE_UP, Duration.ZERO, 0);
        }
        return new RestartDecision(Action.RESTART, backoff(restartsSoFar, config), restartsSoFar + 1);
    }

    /** {@code initial × 2^n}, capped at {@code max}, for the restart after {@code n} earlier ones. */
    static Duration backoff(int restartsSoFar, ReconcileConfig.Restart config) {
        Duration delay = config.initialBackoff();
        for (int i = 0; i < restartsSoFar && delay.compareTo(config.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }
}
