package dev.berth.policies.context;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a policy may read about one request, except the host: the values of the CEL
 * variables {@code request}, {@code tenant}, {@code usage} and {@code now}.
 *
 * @param now the evaluation instant; passed in (not read from a clock) so replays and tests
 *            are deterministic
 */
public record EvaluationContext(RequestContext request, TenantContext tenant, UsageContext usage, Instant now) {

    public EvaluationContext {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(tenant, "tenant");
        usage = usage == null ? UsageContext.NONE : usage;
        Objects.requireNonNull(now, "now");
    }
}
