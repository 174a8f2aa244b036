package dev.berth.provider.aws.emulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Failures a test can make the emulator produce, each the way AWS produces it:
 * <ul>
 *   <li>{@link #insufficientCapacity(String)} — {@code RunInstances} of that instance type
 *       fails with {@code InsufficientInstanceCapacity} (HTTP 500) until {@link #clear()};</li>
 *   <li>{@link #throttleNext(int)} — the next n calls to any service are throttled
 *       ({@code RequestLimitExceeded} for EC2, {@code ThrottlingException} for ECS/SSM,
 *       {@code Throttling} for STS);</li>
 *   <li>{@link #denyAll(boolean)} — every call is refused for lack of permission
 *       ({@code UnauthorizedOperation}, {@code AccessDeniedException}, {@code AccessDenied});
 *       unknown credentials fail anyway, with {@code AuthFailure} and friends;</li>
 *   <li>{@link #delayNextResponse(String, Duration)} — the next call of that action is carried
 *       out, but its response is held back (a client timeout after the work was done);</li>
 *   <li>{@link #dropNextResponse(String)} — the same, but the connection is closed without
 *       any response;</li>
 *   <li>{@link #vcpuLimit(int)} — the account's running On-Demand vCPU limit
 *       ({@code VcpuLimitExceeded});</li>
 *   <li>{@link #emptyErrorNext(String, int, int)} — the next n calls of that action answer
 *       that HTTP status with an empty body (no code, no message), as a load balancer or a
 *       third-party AWS implementation in trouble does; the action is not carried out.</li>
 * </ul>
 * A task that stops on its own (its essential container exits) is not a fault but an event:
 * {@link AwsEmulator#exitTask}.
 * <ul>
 * </ul>
 */
public final class Faults {

    private final Set<String> noCapacity = new HashSet<>();
    private final Map<String, Duration> delays = new HashMap<>();
    private final Set<String> drops = new HashSet<>();
    private int throttled;
    private boolean denied;
    private Integer vcpuLimit;
    private final Map<String, int[]> emptyErrors = new HashMap<>(); // action → {status, calls left}

    public synchronized Faults insufficientCapacity(String instanceType) {
        noCapacity.add(instanceType);
        return this;
    }

    public synchronized Faults throttleNext(int calls) {
        throttled = calls;
        return this;
    }

    public synchronized Faults denyAll(boolean deny) {
        denied = deny;
        return this;
    }

    public synchronized Faults delayNextResponse(String action, Duration delay) {
        delays.put(action, delay);
        return this;
    }

    public synchronized Faults dropNextResponse(String action) {
        drops.add(action);
        return this;
    }

    public synchronized Faults vcpuLimit(int vcpus) {
        vcpuLimit = vcpus;
        return this;
    }

    /** For {@link #emptyErrorNext}: every action. */
    public static final String ANY_ACTION = "*";

    public synchronized Faults emptyErrorNext(String action, int status, int calls) {
        emptyErrors.put(action, new int[] {status, calls});
        return this;
    }

    /** Back to a healthy account. */
    public synchronized void clear() {
        noCapacity.clear();
        delays.clear();
        drops.clear();
        throttled = 0;
        denied = false;
        vcpuLimit = null;
        emptyErrors.clear();
    }

    /** Consumes one empty error of {@code action}, if any: its HTTP status. */
    synchronized Optional<Integer> takeEmptyError(String action) {
        String key = emptyErrors.containsKey(action) ? action : ANY_ACTION;
        int[] fault = emptyErrors.get(key);
        if (fault == null) {
            return Optional.empty();
        }
        if (--fault[1] <= 0) {
            emptyErrors.remove(key);
        }
        return Optional.of(fault[0]);
    }

    synchronized boolean lacksCapacity(String instanceType) {
        return noCapacity.contains(instanceType);
    }

    /** Consumes one throttled call if any are left. */
    synchronized boolean throttleThisCall() {
        if (throttled > 0) {
            throttled--;
            return true;
        }
        return false;
    }

    synchronized boolean denied() {
        return denied;
    }

    synchronized Optional<Integer> vcpuLimit() {
        return Optional.ofNullable(vcpuLimit);
    }

    synchronized Optional<Duration> takeDelay(String action) {
        return Optional.ofNullable(delays.remove(action));
    }

    synchronized boolean takeDrop(String action) {
        return drops.remove(action);
    }
}
