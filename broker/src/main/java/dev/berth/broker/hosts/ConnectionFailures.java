package dev.berth.broker.hosts;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.berth.provider.spi.HostHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps raw connection errors out of answers. What a driver says when it cannot reach a host
 * (a libvirt or SDK message, an exception chain) can name internal addresses, users, key
 * files or account ids; an admin client gets advice in words and a reference, and the raw
 * text goes to this class's log line carrying the same reference.
 */
@ApplicationScoped
public class ConnectionFailures {

    private static final Logger LOG = Logger.getLogger(ConnectionFailures.class);

    /** The raw failure last logged for a registered host, so a host that stays down logs once, not every probe. */
    private record Logged(String raw, String reference) {
    }

    private final Map<UUID, Logged> lastProbeFailure = new ConcurrentHashMap<>();

    /** Logs {@code raw} under a new reference and returns the reference, e.g. {@code conn-1f2e3d4c}. */
    public String log(String subject, String raw) {
        String reference = newReference();
        LOG.warnf("[%s] %s: %s", reference, subject, raw);
        return reference;
    }

    /**
     * A probe result safe to store and show: a healthy one as the driver said it, an unhealthy
     * one as advice with a reference. The raw detail is logged when it first appears for the host.
     */
    public HostHealth shown(UUID hostId, String hostName, HostHealth health) {
        if (health.healthy()) {
            lastProbeFailure.remove(hostId);
            return health;
        }
        String raw = String.valueOf(health.detail());
        Logged logged = lastProbeFailure.compute(hostId, (id, previous) ->
                previous != null && previous.raw().equals(raw) ? previous : new Logged(raw, log("probe of host " + hostName, raw)));
        return unhealthy(logged.reference(), health.latency(), health.checkedAt());
    }

    /** A probe result for a host not registered yet (a registration's probe). */
    public HostHealth shownForNew(String subject, HostHealth health) {
        return health.healthy() ? health
                : unhealthy(log("probe of " + subject, String.valueOf(health.detail())), health.latency(), health.checkedAt());
    }

    /** Forgets a removed host. */
    public void forget(UUID hostId) {
        lastProbeFailure.remove(hostId);
    }

    private static HostHealth unhealthy(String reference, Duration latency, java.time.Instant checkedAt) {
        return new HostHealth(false, "The host did not answer its health probe. Check that it is up, that the broker can "
                + "reach its endpoint and that the broker's credentials for it are in place; the broker log has the "
                + "details under reference " + reference + ".", latency, checkedAt);
    }

    private static String newReference() {
        return "conn-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
