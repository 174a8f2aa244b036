package dev.berth.broker.hosts;

import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The drivers installed in this broker (found with {@link ServiceLoader}) and one open
 * driver per host, reused across calls and closed when the host goes or the broker stops.
 *
 * <p>When a host's connection changes (an admin edits its options; a cloud account's limits
 * are driver options), the next call gets a new driver, but the old one is only
 * <em>retired</em>: closed after {@code berth.drivers.retire-grace}. Operations already
 * running hold the old driver and may be polling with it for minutes (an EC2 instance
 * settling, a Fargate task starting); closing it under them failed their workloads.
 *
 * <p>An installed driver can be switched off: the simulated provider ({@code sim}) is on the
 * class path of every broker but opens nothing unless {@code berth.drivers.sim.enabled}.
 */
@ApplicationScoped
public class HostDrivers {

    private static final Logger LOG = Logger.getLogger(HostDrivers.class);

    private final Map<String, ProviderDriverFactory> factories;
    /** Installed but switched off by configuration. */
    private final Set<String> disabled;
    private final Map<UUID, Opened> open = new ConcurrentHashMap<>();
    private final Duration retireGrace;
    /** Every driver opens under it, registered hosts too: a host stored before a policy change cannot reach what it now denies. */
    private final DestinationPolicy destinations;
    private final Set<ProviderDriver> retiring = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retirer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-driver-retirer");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param retireGrace how long a replaced driver stays open for the calls already made with
     *                    it: longer than the longest wait a driver does inside one call
     */
    @Inject
    HostDrivers(@ConfigProperty(name = "berth.drivers.retire-grace", defaultValue = "PT1H") Duration retireGrace,
                SimDriverSettings sim, EndpointSettings endpoints) {
        this(ServiceLoader.load(ProviderDriverFactory.class).stream().map(ServiceLoader.Provider::get).toList(), retireGrace,
                sim.enabled() ? Set.of() : Set.of(SimDriverSettings.TYPE), endpoints.policy());
    }

    HostDrivers(java.util.List<ProviderDriverFactory> factories, Duration retireGrace) {
        this(factories, retireGrace, Set.of(), DestinationPolicy.defaults());
    }

    HostDrivers(java.util.List<ProviderDriverFactory> factories, Duration retireGrace, Set<String> disabled) {
        this(factories, retireGrace, disabled, DestinationPolicy.defaults());
    }

    HostDrivers(java.util.List<ProviderDriverFactory> factories, Duration retireGrace, DestinationPolicy destinations) {
        this(factories, retireGrace, Set.of(), destinations);
    }

    HostDrivers(java.util.List<ProviderDriverFactory> factories, Duration retireGrace, Set<String> disabled,
                DestinationPolicy destinations) {
        this.factories = factories.stream().collect(Collectors.toUnmodifiableMap(ProviderDriverFactory::driver, f -> f));
        this.retireGrace = retireGrace;
        this.disabled = Set.copyOf(disabled);
        this.destinations = destinations;
    }

    private record Opened(HostConnection connection, ProviderDriver driver) {
    }

    public boolean supports(String driver) {
        return factories.containsKey(driver) && !disabled.contains(driver);
    }

    /** The cached driver of a registered host; reopened if the host's connection changed. */
    public ProviderDriver forHost(Host host) {
        HostConnection connection = host.connection();
        Opened current = open.compute(host.id(), (id, existing) -> {
            if (existing != null && existing.connection().equals(connection)) {
                return existing;
            }
            Opened replacement = new Opened(connection, openNew(connection));
            if (existing != null) {
                retire(existing.driver());
            }
            return replacement;
        });
        return current.driver();
    }

    /**
     * A driver not bound to a registered host (registration probes); the caller closes it.
     * The factory parses and checks the endpoint under the destination policy
     * ({@link dev.berth.provider.spi.ProviderException.EndpointRefused} when refused).
     */
    public ProviderDriver openNew(HostConnection connection) {
        if (disabled.contains(connection.driver())) {
            throw new HostProblems.DriverDisabled(connection.driver());
        }
        ProviderDriverFactory factory = factories.get(connection.driver());
        if (factory == null) {
            throw new HostProblems.DriverUnknown(connection.driver());
        }
        return factory.open(connection, destinations);
    }

    public void forget(UUID hostId) {
        Opened removed = open.remove(hostId);
        if (removed != null) {
            closeQuietly(removed.driver());
        }
    }

    /** Closes a replaced driver once the calls already made with it have had time to finish. */
    private void retire(ProviderDriver driver) {
        retiring.add(driver);
        retirer.schedule(() -> {
            if (retiring.remove(driver)) {
                closeQuietly(driver);
            }
        }, retireGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Replaced drivers not closed yet. */
    int retiring() {
        return retiring.size();
    }

    @PreDestroy
    void closeAll() {
        retirer.shutdownNow();
        open.values().forEach(o -> closeQuietly(o.driver()));
        open.clear();
        retiring.forEach(HostDrivers::closeQuietly);
        retiring.clear();
    }

    private static void closeQuietly(ProviderDriver driver) {
        try {
            driver.close();
        } catch (RuntimeException e) {
            LOG.warnf(e, "closing driver failed");
        }
    }
}
