package dev.berth.broker.ratelimit;

/** The two budgets a call can be charged to. */
public enum CallClass {
    /** Changes nothing: get, list, watch, simulate, evaluate, replay. */
    READ("reads"),
    /** Changes state. */
    MUTATION("mutations");

    private final String metricTag;

    CallClass(String metricTag) {
        this.metricTag = metricTag;
    }

    /** The {@code class} tag of the refusal counter, and the word used in configuration. */
    public String metricTag() {
        return metricTag;
    }
}
