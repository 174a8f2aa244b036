package dev.berth.provider.spi;

/**
 * Creates drivers of one type. Implementations are discovered with
 * {@link java.util.ServiceLoader} (META-INF/services) and configured once; the broker asks
 * the factory whose {@link #driver()} matches a host's {@link HostConnection#driver()}.
 */
public interface ProviderDriverFactory {

    /** The driver type this factory creates, e.g. {@code docker}. */
    String driver();

    /**
     * Opens a driver bound to one host. Cheap and lazy: it must not fail because the host is
     * down (that shows in {@link ProviderDriver#probe()}), only on a malformed connection
     * ({@link ProviderException.Permanent}).
     */
    ProviderDriver open(HostConnection connection);

    /**
     * The smallest workload of {@code kind} any host of this type can run (e.g. Docker
     * refuses a memory limit under 6 MiB). The broker refuses a smaller request at admission
     * with {@code 400 request.invalid} naming the field, before anything is stored, instead of
     * letting the create fail on the host later. Default: no minimum beyond the API's own.
     */
    default Resources minimum(WorkloadKind kind) {
        return Resources.ZERO;
    }
}
