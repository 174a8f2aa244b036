package dev.berth.broker.workloads;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.berth.broker.db.Database;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The smallest workload each driver can run ({@link ProviderDriverFactory#minimum}), checked
 * at admission against the chosen host: a 4 MiB container passes the API's own minimum but
 * every Docker engine refuses it, so it is refused here with {@code 400 request.invalid}
 * naming the field, before anything is stored — not as a FAILED create a minute later.
 */
@ApplicationScoped
public class DriverMinimums {

    private final Map<String, ProviderDriverFactory> factories = ServiceLoader.load(ProviderDriverFactory.class,
                    DriverMinimums.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
            .collect(Collectors.toUnmodifiableMap(ProviderDriverFactory::driver, Function.identity()));
    /** A host's driver never changes (the driver is fixed at registration). */
    private final Map<UUID, String> driverOfHost = new ConcurrentHashMap<>();
    private final Database db;
    private final HostRepository hosts;

    DriverMinimums(Database db, HostRepository hosts) {
        this.db = db;
        this.hosts = hosts;
    }

    /** Refuses {@code resources} of {@code kind} that the driver of host {@code hostId} cannot run. */
    public void check(UUID hostId, WorkloadKind kind, Resources resources) {
        String driver = driverOfHost.computeIfAbsent(hostId, id -> db.autoCommit(c -> hosts.find(c, id))
                .map(Host::driver).orElse(""));
        ProviderDriverFactory factory = factories.get(driver);
        if (factory == null) {
            return;
        }
        Resources minimum = factory.minimum(kind);
        String what = "a " + kind.name().toLowerCase() + " on a " + driver + " host needs at least ";
        if (resources.memoryMiB() < minimum.memoryMiB()) {
            throw new InvalidRequest("resources.memoryMiB", what + minimum.memoryMiB() + " MiB of memory");
        }
        if (resources.milliCpu() < minimum.milliCpu()) {
            throw new InvalidRequest("resources.vcpu", what + dev.berth.tenants.units.Cpu.toVcpu(minimum.milliCpu()) + " vCPU");
        }
        if (resources.diskGiB() < minimum.diskGiB()) {
            throw new InvalidRequest("resources.diskGiB", what + minimum.diskGiB() + " GiB of disk");
        }
    }
}
