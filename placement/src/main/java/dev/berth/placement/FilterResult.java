package dev.berth.placement;

import java.util.Objects;

/**
 * A filter's verdict on one host, with a status as in the Kubernetes scheduler framework:
 * {@link Status#PASS}, {@link Status#UNSCHEDULABLE} (the rule says no, for a named reason — a
 * constant of the filter) or {@link Status#ERROR} (the rule could not be evaluated; the host
 * is rejected, and the reason and {@code detail} say which rule failed and how, so an operator
 * can tell a broken policy from a fleet that does not fit).
 *
 * @param reason null on pass
 * @param detail for an error, what went wrong (e.g. the policy's evaluation error); else null
 */
public record FilterResult(Status status, String reason, String detail) {

    /** What the filter concluded about the host. */
    public enum Status {
        PASS,
        /** The host does not satisfy the rule. */
        UNSCHEDULABLE,
        /** The rule failed to evaluate; the host is rejected (fails closed). */
        ERROR
    }

    private static final FilterResult PASS = new FilterResult(Status.PASS, null, null);

    public FilterResult {
        Objects.requireNonNull(status, "status");
        if (status != Status.PASS) {
            Objects.requireNonNull(reason, "a rejection names its reason");
        }
    }

    public static FilterResult pass() {
        return PASS;
    }

    public static FilterResult reject(String reason) {
        return new FilterResult(Status.UNSCHEDULABLE, reason, null);
    }

    public static FilterResult error(String reason, String detail) {
        return new FilterResult(Status.ERROR, reason, detail);
    }

    public boolean passed() {
        return status == Status.PASS;
    }
}
