package dev.berth.broker.hosts;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.berth.placement.HostSnapshot;
import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host whose connection changes gets a new driver at once, but the old one stays open for
 * the calls already made with it (an operation polling AWS for minutes) and is closed only
 * after the grace — closing it under them used to fail their workloads.
 */
class HostDriversTest {

    /** Drivers opened by the fake factory, and which of them were closed. */
    private final Set<ProviderDriver> closed = ConcurrentHashMap.newKeySet();

    private final ProviderDriverFactory fake = new ProviderDriverFactory() {
        @Override
        public String driver() {
            return "fake";
        }

        @Override
        public ProviderDriver open(HostConnection connection, DestinationPolicy destinations) {
            ProviderDriver[] self = new ProviderDriver[1];
            self[0] = (ProviderDriver) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ProviderDriver.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> {
                            closed.add(self[0]);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "fake driver for " + connection.options();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return self[0];
        }
    };

    private static Host host(UUID id, String maxVcpu) {
        return new Host(id, "h", "fake", "fake://one", Map.of("maxVcpu", maxVcpu), Map.of(), Host.PUBLIC, Host.Pricing.FREE,
                Set.of(WorkloadKind.CONTAINER), "1", Resources.ZERO, Host.Overcommit.NONE, Resources.ZERO, Resources.ZERO, 0,
                null, false, HostSnapshot.HealthStatus.HEALTHY, null, null, OffsetDateTime.now(), OffsetDateTime.now(), true);
    }

    @Test
    void aReplacedDriverStaysOpenForTheGraceAndIsClosedAfterIt() throws Exception {
        HostDrivers drivers = new HostDrivers(List.of(fake), Duration.ofMillis(300));
        UUID id = UUID.randomUUID();
        ProviderDriver first = drivers.forHost(host(id, "8"));
        assertThat(drivers.forHost(host(id, "8"))).as("same connection, same driver").isSameAs(first);

        ProviderDriver second = drivers.forHost(host(id, "16"));

        assertThat(second).isNotSameAs(first);
        assertThat(closed).as("an operation may still be using the old driver").doesNotContain(first);
        assertThat(drivers.retiring()).isEqualTo(1);
        for (int i = 0; i < 200 && !closed.contains(first); i++) {
            Thread.sleep(25);
        }
        assertThat(closed).as("closed once the grace has passed").containsExactly(first);
        assertThat(drivers.retiring()).isZero();
        drivers.closeAll();
        assertThat(closed).containsExactlyInAnyOrder(first, second);
    }

    /** An installed driver switched off by configuration (the simulated one) opens nothing, and says why. */
    @Test
    void aDisabledDriverIsNotSupportedAndOpensNothing() {
        HostDrivers drivers = new HostDrivers(List.of(fake), Duration.ofHours(1), Set.of("fake"));

        assertThat(drivers.supports("fake")).isFalse();
        assertThatThrownBy(() -> drivers.openNew(new HostConnection("fake", "fake://one", Map.of())))
                .isInstanceOf(HostProblems.DriverDisabled.class)
                .hasMessageContaining("disabled");
        assertThatThrownBy(() -> drivers.forHost(host(UUID.randomUUID(), "8")))
                .isInstanceOf(HostProblems.DriverDisabled.class);
        assertThat(new HostDrivers(List.of(fake), Duration.ofHours(1)).supports("fake")).isTrue();
    }

    @Test
    void stoppingTheBrokerClosesRetiringDriversToo() {
        HostDrivers drivers = new HostDrivers(List.of(fake), Duration.ofHours(1));
        UUID id = UUID.randomUUID();
        ProviderDriver first = drivers.forHost(host(id, "8"));
        ProviderDriver second = drivers.forHost(host(id, "16"));
        assertThat(closed).isEmpty();

        drivers.closeAll();

        assertThat(closed).containsExactlyInAnyOrder(first, second);
    }
}
