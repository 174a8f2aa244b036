package dev.berth.provider.libvirt;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * Opens {@link LibvirtDriver}s for hosts of type {@value #TYPE}. Opening is lazy: it parses
 * the URI into a {@link LibvirtUri} (refusing parameters that run programs or open files),
 * checks its destination against the policy, but neither loads libvirt nor contacts the host.
 */
public final class LibvirtDriverFactory implements ProviderDriverFactory {

    public static final String TYPE = "libvirt";

    @Override
    public LibvirtDriver open(HostConnection connection) {
        return open(connection, DestinationPolicy.defaults());
    }

    @Override
    public String driver() {
        return TYPE;
    }

    /** QEMU guests under 64 MiB cannot boot a current Linux kernel; refusing them at admission beats a guest that never starts. */
    public static final long MIN_VM_MEMORY_MIB = 64;

    @Override
    public Resources minimum(WorkloadKind kind) {
        return new Resources(0, kind == WorkloadKind.VM ? MIN_VM_MEMORY_MIB : 0, 0);
    }

    @Override
    public LibvirtDriver open(HostConnection connection, DestinationPolicy destinations) {
        LibvirtOptions options = LibvirtOptions.from(connection, destinations);
        return new LibvirtDriver(options, new LibvirtConnection(options.uri(), new LibvirtErrors(options.uri().toString())));
    }
}
