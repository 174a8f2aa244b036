package dev.berth.broker.hosts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.api.model.HostCapacity;
import dev.berth.api.model.HostCreate;
import dev.berth.api.model.HostPricing;
import dev.berth.api.model.HostUpdate;
import dev.berth.api.model.Overcommit;
import dev.berth.broker.db.Database;
import dev.berth.broker.db.PageToken;
import dev.berth.placement.HostSnapshot;
import dev.berth.tenants.units.Cpu;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Host administration (platform-admin) and periodic health probing. */
@ApplicationScoped
public class HostService {

    /** PostgreSQL: unique_violation, check_violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";
    private static final String ENDPOINT = "endpoint";

    private final Database db;
    private final HostRepository hosts;
    private final HostDrivers drivers;
    private final ConnectionFailures failures;

    HostService(Database db, HostRepository hosts, HostDrivers drivers, ConnectionFailures failures) {
        this.db = db;
        this.hosts = hosts;
        this.drivers = drivers;
        this.failures = failures;
    }

    /** What registering a host learnt from it: its health and inventory. */
    public record Probed(HostHealth health, HostInventory inventory) {
        public HostSnapshot.HealthStatus status() {
            return health.healthy() ? HostSnapshot.HealthStatus.HEALTHY : HostSnapshot.HealthStatus.UNHEALTHY;
        }
    }

    /**
     * Opens a driver for a host not registered yet, probes it and reads its inventory. An
     * endpoint that is malformed, unsafe or outside the destination policy is
     * {@link HostProblems.EndpointRefused} (field {@code endpoint}, or {@code options.<key>} for
     * an option naming an endpoint) before anything connects; a bad option is
     * {@code request.invalid} on {@code options}; an inventory failure is {@code host.unreachable}
     * (advice only: the driver's words go to the log) unless {@code given} capacity lets the host
     * be registered while down. Cloud accounts use this for each region before writing its target.
     */
    public Probed probeNew(HostConnection connection, HostCapacity given) {
        try (ProviderDriver driver = open(connection)) {
            HostHealth health = failures.shownForNew(connection.driver() + " host", driver.probe());
            return new Probed(health, readInventory(driver, connection, given));
        }
    }

    /** A driver refuses a malformed option or endpoint when it opens: that is the caller's input. */
    private ProviderDriver open(HostConnection connection) {
        try {
            return drivers.openNew(connection);
        } catch (ProviderException.EndpointRefused e) {
            throw new HostProblems.EndpointRefused(
                    e.field().equals(ENDPOINT) ? ENDPOINT : "options." + e.field(), e.getMessage());
        } catch (ProviderException.Permanent e) {
            throw new dev.berth.broker.problems.InvalidRequest("options", e.getMessage());
        } catch (ProviderException.Transient e) {
            // An endpoint's host name did not resolve: the policy could not check it, nothing connected.
            throw new HostProblems.Unreachable(failures.log("opening a " + connection.driver() + " driver", e.getMessage()));
        }
    }

    public Host register(HostCreate request) {
        HostConnection connection = new HostConnection(request.getDriver().toString(), request.getEndpoint(),
                Optional.ofNullable(request.getOptions()).orElse(Map.of()));
        Probed probed = probeNew(connection, request.getCapacity());
        HostInventory inventory = probed.inventory();
        Resources capacity = capacity(request.getCapacity(), inventory.capacity());
        // An AWS region is public capacity unless the admin says otherwise.
        String providerClass = request.getProviderClass() != null ? request.getProviderClass().toString()
                : "aws".equals(connection.driver()) ? Host.PUBLIC : Host.PRIVATE;
        Host host = new Host(UUID.randomUUID(), request.getName(), connection.driver(), connection.endpoint(),
                connection.options(), Optional.ofNullable(request.getLabels()).orElse(Map.of()),
                providerClass,
                pricing(request.getPricing(), Host.Pricing.FREE), inventory.supportedKinds(), inventory.version(), capacity, overcommit(request.getOvercommit(), Host.Overcommit.NONE),
                capacity, Resources.ZERO, 0, null, false, probed.status(),
                probed.health().detail(), OffsetDateTime.now(), null, null,
                inventory.diskMeasured() || statesDisk(request.getCapacity()));
        try {
            db.transaction(c -> {
                hosts.insert(c, host);
                return null;
            });
        } catch (Database.DatabaseException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new HostProblems.NameTaken(request.getName());
            }
            throw e;
        }
        return get(host.id());
    }

    public Host get(UUID id) {
        return db.autoCommit(c -> hosts.find(c, id)).orElseThrow(() -> new HostProblems.NotFound(id));
    }

    public List<Host> page(Optional<PageToken> after, int size) {
        return db.autoCommit(c -> hosts.page(c, after, size));
    }

    public Host update(UUID id, HostUpdate update) {
        try {
            db.transaction(c -> {
                Host current = hosts.find(c, id).orElseThrow(() -> new HostProblems.NotFound(id));
                hosts.updateSizing(c, id, capacity(update.getCapacity(), current.capacity()),
                        overcommit(update.getOvercommit(), current.overcommit()),
                        // The generated model starts labels as {}: an update without labels must not wipe them.
                        update.getLabels() == null || update.getLabels().isEmpty() ? current.labels() : update.getLabels(),
                        pricing(update.getPricing(), current.pricing()),
                        current.diskEnforced() || statesDisk(update.getCapacity()));
                return null;
            });
        } catch (Database.DatabaseException e) {
            if (CHECK_VIOLATION.equals(e.sqlState())) {
                throw new HostProblems.CapacityBelowAllocation(get(id).name());
            }
            throw e;
        }
        return get(id);
    }

    public Host setCordoned(UUID id, boolean cordoned) {
        if (!db.autoCommit(c -> hosts.setCordoned(c, id, cordoned))) {
            throw new HostProblems.NotFound(id);
        }
        return get(id);
    }

    public void remove(UUID id) {
        Host host = get(id);
        Optional<String> account = db.autoCommit(c -> hosts.cloudAccountOf(c, id));
        if (account.isPresent()) {
            throw new HostProblems.CloudTarget(host.name(), account.get());
        }
        int live = db.transaction(c -> hosts.deleteIfUnused(c, id));
        if (live > 0) {
            throw new HostProblems.InUse(host.name(), live);
        }
        drivers.forget(id);
        failures.forget(id);
    }

    /** Probes every host; placement skips unhealthy ones, and the health shows in the host API. */
    @Scheduled(every = "${berth.hosts.probe-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeAll() {
        for (Host host : db.autoCommit(hosts::all)) {
            HostHealth health = failures.shown(host.id(), host.name(), probe(host));
            db.autoCommit(c -> {
                hosts.recordHealth(c, host.id(),
                        health.healthy() ? HostSnapshot.HealthStatus.HEALTHY : HostSnapshot.HealthStatus.UNHEALTHY,
                        health.detail());
                return null;
            });
        }
    }

    private HostHealth probe(Host host) {
        try {
            return drivers.forHost(host).probe();
        } catch (RuntimeException e) {
            // e.g. the driver could not be opened: the endpoint is refused under today's policy
            return new HostHealth(false, String.valueOf(e.getMessage()), java.time.Duration.ZERO, java.time.Instant.now());
        }
    }

    private HostInventory readInventory(ProviderDriver driver, HostConnection connection, HostCapacity given) {
        try {
            return driver.inventory();
        } catch (ProviderException e) {
            if (given == null || given.getVcpu() == null || given.getMemoryMiB() == null) {
                throw new HostProblems.Unreachable(failures.log("inventory of a new " + connection.driver() + " host", e.getMessage()));
            }
            // Registered with explicit capacity while down: placement skips it until a probe succeeds.
            return new HostInventory(Resources.ZERO,
                    switch (connection.driver()) {
                        case "libvirt" -> java.util.Set.of(WorkloadKind.VM);
                        case "aws" -> java.util.Set.of(WorkloadKind.VM, WorkloadKind.CONTAINER);
                        default -> java.util.Set.of(WorkloadKind.CONTAINER);
                    }, null, Map.of(), false);
        }
    }

    /** An admin who states a host's disk capacity makes disk a limit there, measured or not. */
    private static boolean statesDisk(HostCapacity given) {
        return given != null && given.getDiskGiB() != null;
    }

    private static Resources capacity(HostCapacity given, Resources fallback) {
        if (given == null) {
            return fallback;
        }
        return new Resources(
                given.getVcpu() == null ? fallback.milliCpu() : Cpu.toMilli(given.getVcpu(), "capacity.vcpu"),
                given.getMemoryMiB() == null ? fallback.memoryMiB() : given.getMemoryMiB(),
                given.getDiskGiB() == null ? fallback.diskGiB() : given.getDiskGiB());
    }

    private static Host.Pricing pricing(HostPricing given, Host.Pricing fallback) {
        if (given == null) {
            return fallback;
        }
        return new Host.Pricing(orElse(given.getVcpuHour(), fallback.vcpuHour()),
                orElse(given.getMemoryGiBHour(), fallback.memoryGiBHour()));
    }

    private static Host.Overcommit overcommit(Overcommit given, Host.Overcommit fallback) {
        if (given == null) {
            return fallback;
        }
        return new Host.Overcommit(orElse(given.getCpu(), fallback.cpu()), orElse(given.getMemory(), fallback.memory()),
                orElse(given.getDisk(), fallback.disk()));
    }

    private static BigDecimal orElse(BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }

}
