package dev.berth.policies.context;

import java.util.Map;

/**
 * The workload request as policies see it (CEL variable {@code request}). Absent strings are
 * {@code ""}, never null, so expressions compare against {@code ""} instead of testing presence.
 *
 * @param name      workload name
 * @param kind      {@code container}, {@code vm} or {@code auto}
 * @param image     image reference as requested, e.g. {@code berth-demo/busybox:1}
 * @param labels    the workload's labels
 * @param resources requested sizes
 * @param placement the request's placement hints
 * @param untrusted true when the workload runs untrusted code
 */
public record RequestContext(
        String name,
        String kind,
        String image,
        Map<String, String> labels,
        Resources resources,
        Placement placement,
        boolean untrusted) {

    public RequestContext {
        name = Strings.orEmpty(name);
        kind = Strings.orEmpty(kind);
        image = Strings.orEmpty(image);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        resources = resources == null ? new Resources(0, 0, 0) : resources;
        placement = placement == null ? new Placement("", "", "") : placement;
    }

    /** Requested sizes ({@code request.resources}). */
    public record Resources(double vcpu, long memoryMiB, long diskGiB) {
    }

    /** Placement hints ({@code request.placement}); {@code ""} when not given. */
    public record Placement(String region, String zone, String isolation) {
        public Placement {
            region = Strings.orEmpty(region);
            zone = Strings.orEmpty(zone);
            isolation = Strings.orEmpty(isolation);
        }
    }
}
