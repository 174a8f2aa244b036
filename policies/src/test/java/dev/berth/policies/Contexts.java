package dev.berth.policies;

import dev.berth.policies.context.EvaluationContext;
import dev.berth.policies.context.HostContext;
import dev.berth.policies.context.RequestContext;
import dev.berth.policies.context.TenantContext;
import dev.berth.policies.context.UsageContext;
import java.time.Instant;
import java.util.Map;

/** Small builders for test contexts: a plain container request by a label-less tenant unless told otherwise. */
final class Contexts {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private Contexts() {
    }

    static Request request() {
        return new Request();
    }

    static HostContext host(String id, String providerClass, String region, String zone, Map<String, String> labels) {
        return new HostContext(id, "host-" + id, "public".equals(providerClass) ? "aws" : "docker",
                providerClass, region, zone, labels);
    }

    static HostContext host(String region) {
        return host("h-" + region, "private", region, region + "a", Map.of());
    }

    /** Fluent request + tenant builder; {@link #context()} ends it. */
    static final class Request {
        private String name = "web";
        private String kind = "container";
        private String image = "berth-demo/busybox:1";
        private double vcpu = 1;
        private long memoryMiB = 256;
        private String isolation = "";
        private boolean untrusted;
        private String tenant = "acme";
        private Map<String, String> tenantLabels = Map.of();
        private Map<String, String> labels = Map.of();

        Request name(String v) { name = v; return this; }
        Request kind(String v) { kind = v; return this; }
        Request image(String v) { image = v; return this; }
        Request vcpu(double v) { vcpu = v; return this; }
        Request isolation(String v) { isolation = v; return this; }
        Request untrusted() { untrusted = true; return this; }
        Request tenant(String slug) { tenant = slug; return this; }
        Request tenantLabels(Map<String, String> v) { tenantLabels = v; return this; }
        Request labels(Map<String, String> v) { labels = v; return this; }

        EvaluationContext context() {
            RequestContext request = new RequestContext(name, kind, image, labels,
                    new RequestContext.Resources(vcpu, memoryMiB, 10),
                    new RequestContext.Placement("", "", isolation), untrusted);
            return new EvaluationContext(request, new TenantContext(tenant, tenantLabels),
                    new UsageContext(2, 3.0, 1024), NOW);
        }
    }
}
