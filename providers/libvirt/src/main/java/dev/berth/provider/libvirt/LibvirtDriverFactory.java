package dev.berth.provider.libvirt;

import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriverFactory;

/**
 * Opens {@link LibvirtDriver}s for hosts of type {@value #TYPE}. Opening is lazy: it parses
 * and validates the connection but neither loads libvirt nor contacts the host.
 */
public final class LibvirtDriverFactory implements ProviderDriverFactory {

    public static final String TYPE = "libvirt";

    @Override
    public String driver() {
        return TYPE;
    }

    @Override
    public LibvirtDriver open(HostConnection connection) {
        LibvirtOptions options = LibvirtOptions.from(connection);
        return new LibvirtDriver(options, new LibvirtConnection(options.uri(), new LibvirtErrors(options.uri())));
    }
}
