package dev.berth.provider.aws;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.WorkloadKind;

/**
 * Opens AWS drivers for hosts of type {@value #TYPE}, endpoint {@code aws://<region>}. Opening
 * is lazy: it parses the options and builds the SDK clients, but does not call AWS (not even
 * STS for a role), so a wrong credentials reference shows in {@code probe()} and
 * {@code inventory()}, and only a malformed option fails here — or an {@code endpointOverride}
 * the destination policy refuses ({@link EndpointOverride}). A target that runs VMs gets a
 * {@link SnapshottingAwsDriver}; a containers-only one a plain {@link AwsDriver}.
 */
public final class AwsDriverFactory implements ProviderDriverFactory {

    public static final String TYPE = "aws";

    @Override
    public String driver() {
        return TYPE;
    }

    @Override
    public ProviderDriver open(HostConnection connection, DestinationPolicy destinations) {
        AwsOptions options = AwsOptions.from(connection, destinations);
        AwsClients clients = new AwsClients(options);
        return options.supports(WorkloadKind.VM)
                ? new SnapshottingAwsDriver(options, clients)
                : new AwsDriver(options, clients);
    }
}
