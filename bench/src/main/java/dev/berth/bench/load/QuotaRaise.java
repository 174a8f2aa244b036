package dev.berth.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Raises a tenant's quota by what a load run needs (through the admin API, as an operator
 * would) and puts the previous limits back afterwards, so a run leaves the stack as it was.
 */
final class QuotaRaise {

    private final BerthHttp admin;
    private final String path;
    private final JsonNode previous;

    private QuotaRaise(BerthHttp admin, String path, JsonNode previous) {
        this.admin = admin;
        this.path = path;
        this.previous = previous;
    }

    static QuotaRaise apply(BerthHttp admin, String tenant, LoadOptions options) throws Exception {
        String path = "/v1/admin/tenants/" + tenant + "/quota";
        BerthHttp.Response current = admin.get(path);
        if (current.status() != 200) {
            throw new IllegalStateException("reading " + path + ": HTTP " + current.status() + " " + current.body());
        }
        JsonNode limits = current.body().path("limits");
        ObjectNode raised = limits.deepCopy();
        raised.put("instances", limits.path("instances").asInt() + options.workloads());
        raised.put("vcpu", Math.ceil(limits.path("vcpu").asDouble() + options.workloads() * options.vcpu()));
        raised.put("memoryMiB", limits.path("memoryMiB").asLong() + (long) options.workloads() * options.memoryMiB());
        BerthHttp.Response set = admin.put(path, raised);
        if (set.status() != 200) {
            throw new IllegalStateException("raising " + path + ": HTTP " + set.status() + " " + set.body());
        }
        return new QuotaRaise(admin, path, limits);
    }

    void restore() throws Exception {
        BerthHttp.Response set = admin.put(path, previous);
        if (set.status() != 200) {
            System.err.println("could not restore " + path + ": HTTP " + set.status() + " " + set.body());
        }
    }
}
