package dev.berth.policies.context;

import java.util.Map;

/**
 * One candidate host as placement policies see it (CEL variable {@code host}). Absent strings
 * are {@code ""}. Hosts whose fields read by a policy are equal share that policy's result.
 *
 * @param id            host id
 * @param name          host name
 * @param driver        {@code docker}, {@code libvirt}, {@code aws}, ...
 * @param providerClass {@code private} or {@code public}
 * @param region        e.g. {@code eu-west-1}
 * @param zone          e.g. {@code eu-west-1a}
 * @param labels        host labels, e.g. {@code tier=gpu}
 */
public record HostContext(
        String id,
        String name,
        String driver,
        String providerClass,
        String region,
        String zone,
        Map<String, String> labels) {

    public HostContext {
        id = Strings.orEmpty(id);
        name = Strings.orEmpty(name);
        driver = Strings.orEmpty(driver);
        providerClass = Strings.orEmpty(providerClass);
        region = Strings.orEmpty(region);
        zone = Strings.orEmpty(zone);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
