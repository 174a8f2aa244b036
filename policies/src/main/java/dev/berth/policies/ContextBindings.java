package dev.berth.policies;

import dev.berth.policies.context.EvaluationContext;
import dev.berth.policies.context.HostContext;
import dev.berth.policies.context.RequestContext;
import dev.berth.policies.context.TenantContext;
import dev.berth.policies.context.UsageContext;
import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the context records into the values CEL reads: one map per struct of
 * {@link PolicySchema}, with CEL's Java types ({@code int} is {@code Long}, {@code double}
 * is {@code Double}, timestamps are {@code Instant}). Every declared field is present.
 */
final class ContextBindings {

    private ContextBindings() {
    }

    /** Resolver for {@code request}, {@code tenant}, {@code usage} and {@code now}; built once per request. */
    static CelVariableResolver of(EvaluationContext ctx) {
        Map<String, Object> vars = Map.of(
                PolicySchema.REQUEST, request(ctx.request()),
                PolicySchema.TENANT, tenant(ctx.tenant()),
                PolicySchema.USAGE, usage(ctx.usage()),
                PolicySchema.NOW, ctx.now());
        return name -> Optional.ofNullable(vars.get(name));
    }

    /** {@code base} plus {@code host}, without copying {@code base}. */
    static CelVariableResolver withHost(CelVariableResolver base, HostContext host) {
        Map<String, Object> hostValue = host(host);
        return name -> PolicySchema.HOST.equals(name) ? Optional.of(hostValue) : base.find(name);
    }

    static Map<String, Object> request(RequestContext r) {
        return Map.of(
                "name", r.name(),
                "kind", r.kind(),
                "image", r.image(),
                "labels", r.labels(),
                "resources", Map.of(
                        "vcpu", r.resources().vcpu(),
                        "memoryMiB", r.resources().memoryMiB(),
                        "diskGiB", r.resources().diskGiB()),
                "placement", Map.of(
                        "region", r.placement().region(),
                        "zone", r.placement().zone(),
                        "isolation", r.placement().isolation()),
                "untrusted", r.untrusted());
    }

    static Map<String, Object> tenant(TenantContext t) {
        return Map.of("slug", t.slug(), "labels", t.labels());
    }

    static Map<String, Object> usage(UsageContext u) {
        return Map.of("instances", u.instances(), "vcpu", u.vcpu(), "memoryMiB", u.memoryMiB());
    }

    static Map<String, Object> host(HostContext h) {
        return Map.of(
                "id", h.id(),
                "name", h.name(),
                "driver", h.driver(),
                "providerClass", h.providerClass(),
                "region", h.region(),
                "zone", h.zone(),
                "labels", h.labels());
    }
}
