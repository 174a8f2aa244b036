package dev.berth.broker.hosts;

import java.util.List;
import java.util.Optional;

import dev.berth.provider.spi.DestinationPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Where host endpoints may point ({@code berth.endpoints.*}): the destination policy every
 * driver checks when it opens (see {@link DestinationPolicy} for the rule). Entries are CIDR
 * blocks, addresses, host names or {@code *.domain}, comma-separated.
 *
 * <table>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code berth.endpoints.hosts.allow}</td><td>empty: any destination not denied</td></tr>
 *   <tr><td>{@code berth.endpoints.hosts.deny}</td><td>{@link DestinationPolicy#DEFAULT_DENY}: link-local, metadata services</td></tr>
 *   <tr><td>{@code berth.endpoints.cloud-api.allow}</td><td>{@link DestinationPolicy#DEFAULT_CLOUD_API_ALLOW}: loopback only</td></tr>
 *   <tr><td>{@code berth.endpoints.cloud-api.deny}</td><td>{@link DestinationPolicy#DEFAULT_DENY}</td></tr>
 * </table>
 *
 * The defaults live in the SPI, so drivers opened outside the broker (provider tests) apply the
 * same ones. A malformed entry stops the broker at start-up.
 */
@ConfigMapping(prefix = "berth.endpoints")
public interface EndpointSettings {

    /** Docker {@code tcp://} endpoints and remote libvirt URIs. */
    Rules hosts();

    /** Cloud API endpoint overrides (AWS {@code endpointOverride}). */
    @WithName("cloud-api")
    Rules cloudApi();

    interface Rules {
        Optional<List<String>> allow();

        Optional<List<String>> deny();
    }

    /** The policy these settings describe. */
    default DestinationPolicy policy() {
        return new DestinationPolicy(
                new DestinationPolicy.Rules("berth.endpoints.hosts", hosts().allow().orElse(List.of()),
                        hosts().deny().orElse(DestinationPolicy.DEFAULT_DENY)),
                new DestinationPolicy.Rules("berth.endpoints.cloud-api",
                        cloudApi().allow().orElse(DestinationPolicy.DEFAULT_CLOUD_API_ALLOW),
                        cloudApi().deny().orElse(DestinationPolicy.DEFAULT_DENY)));
    }
}
