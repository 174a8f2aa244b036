package dev.berth.policies;

import dev.berth.policies.context.EvaluationContext;
import dev.berth.policies.context.RequestContext;
import dev.berth.policies.context.TenantContext;
import java.time.Instant;
import java.util.Map;

/** The sample request the engine evaluates once at start-up (see {@link PolicyEngine}). */
final class WarmUp {

    static final EvaluationContext CONTEXT = new EvaluationContext(
            new RequestContext("warm-up", "container", "berth-demo/busybox:1", Map.of(), null, null, false),
            new TenantContext("warm-up", Map.of()), null, Instant.EPOCH);

    private WarmUp() {
    }
}
