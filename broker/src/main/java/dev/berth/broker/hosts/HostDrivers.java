package dev.berth.broker.hosts;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The drivers installed in this broker (found with {@link ServiceLoader}) and one open
 * driver per host, reused across calls and closed when the host goes or the broker stops.
 */
@ApplicationScoped
public class HostDrivers {

    private static final Logger LOG = Logger.getLogger(HostDrivers.class);

    private final Map<String, ProviderDriverFactory> factories = ServiceLoader.load(ProviderDriverFactory.class)
            .stream().map(ServiceLoader.Provider::get)
            .collect(Collectors.toUnmodifiableMap(ProviderDriverFactory::driver, f -> f));
    private final Map<UUID, Opened> open = new ConcurrentHashMap<>();

    private record Opened(HostConnection connection, ProviderDriver driver) {
    }

    public boolean supports(String driver) {
        return factories.containsKey(driver);
    }

    /** The cached driver of a registered host; reopened if the host's connection changed. */
    public ProviderDriver forHost(Host host) {
        HostConnection connection = host.connection();
        Opened current = open.compute(host.id(), (id, existing) -> {
            if (existing != null && existing.connection().equals(connection)) {
                return existing;
            }
            if (existing != null) {
                closeQuietly(existing.driver());
            }
            return new Opened(connection, openNew(connection));
        });
        return current.driver();
    }

    /** A driver not bound to a registered host (registration probes); the caller closes it. */
    public ProviderDriver openNew(HostConnection connection) {
        ProviderDriverFactory factory = factories.get(connection.driver());
        if (factory == null) {
            throw new HostProblems.DriverUnknown(connection.driver());
        }
        return factory.open(connection);
    }

    public void forget(UUID hostId) {
        Opened removed = open.remove(hostId);
        if (removed != null) {
            closeQuietly(removed.driver());
        }
    }

    @PreDestroy
    void closeAll() {
        open.values().forEach(o -> closeQuietly(o.driver()));
        open.clear();
    }

    private static void closeQuietly(ProviderDriver driver) {
        try {
            driver.close();
        } catch (RuntimeException e) {
            LOG.warnf(e, "closing driver failed");
        }
    }
}
