package dev.berth.provider.spi;

/**
 * Creates drivers of one type. Implementations are discovered with
 * {@link java.util.ServiceLoader} (META-INF/services) and configured once; the broker asks
 * the factory whose {@link #driver()} matches a host's {@link HostConnection#driver()}.
 *
 * <p>The factory is the last line before a connection: it parses the endpoint (and any option
 * naming a network endpoint) into its driver's typed form, refusing what it does not know —
 * unknown schemes and transports, user information, URI parameters outside an allow-list —
 * and checks every network destination against the {@link DestinationPolicy}. The driver
 * then connects only to the canonical form it rendered, never to the string it was given.
 */
public interface ProviderDriverFactory {

    /** The driver type this factory creates, e.g. {@code docker}. */
    String driver();

    /**
     * Opens a driver bound to one host. Cheap and lazy: it must not fail because the host is
     * down (that shows in {@link ProviderDriver#probe()}), only on a malformed connection
     * ({@link ProviderException.Permanent}), an endpoint refused by its grammar or by
     * {@code destinations} ({@link ProviderException.EndpointRefused}), or a destination name
     * that does not resolve now ({@link ProviderException.Transient}).
     */
    ProviderDriver open(HostConnection connection, DestinationPolicy destinations);

    /** {@link #open(HostConnection, DestinationPolicy)} under {@link DestinationPolicy#defaults()}. */
    default ProviderDriver open(HostConnection connection) {
        return open(connection, DestinationPolicy.defaults());
    }

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
