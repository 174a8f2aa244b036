package dev.berth.placement;

/** A filter's verdict on one host: pass, or rejected for a named reason (a constant of the filter). */
public record FilterResult(boolean passed, String reason) {

    private static final FilterResult PASS = new FilterResult(true, null);

    public static FilterResult pass() {
        return PASS;
    }

    public static FilterResult reject(String reason) {
        return new FilterResult(false, reason);
    }
}
