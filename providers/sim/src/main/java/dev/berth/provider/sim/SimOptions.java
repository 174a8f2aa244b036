package dev.berth.provider.sim;

import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A simulated host's behaviour, parsed and validated once when the driver opens; every key
 * is optional. See providers/sim/README.md for the table of options and defaults.
 *
 * @param endpoint             {@code sim://<name>}: the key of the host's in-memory state
 * @param capacity             options {@code vcpu} (decimal, default 16), {@code memoryMiB} (65536), {@code diskGiB} (500)
 * @param kinds                option {@code kinds}: {@code container}, {@code vm} or both, comma-separated (default both)
 * @param latencies            options {@code provisionLatency}, {@code startLatency}, {@code stopLatency},
 *                             {@code deleteLatency}, {@code snapshotLatency} (default {@code 0}); restart takes stop + start
 * @param transientFailureRate option {@code transientFailureRate}, 0..1 (default 0): share of mutating calls
 *                             that fail with {@link ProviderException.Transient} after their latency, changing nothing
 * @param permanentFailureRate option {@code permanentFailureRate}, 0..1 (default 0): share of provisions that
 *                             fail with {@link ProviderException.Permanent}, leaving nothing behind
 * @param seed                 option {@code seed} (default: derived from the endpoint): the random source of
 *                             latencies and failures, so a run can be replayed
 * @param images               option {@code images}: the images present on the host, comma-separated;
 *                             empty (the default) = every image is present
 * @param snapshots            option {@code snapshots} (default true): whether the driver is {@code SnapshotCapable}
 * @param reachable            false with option {@code unreachable=true}: the host answers nothing
 */
record SimOptions(String endpoint, Resources capacity, Set<WorkloadKind> kinds, Map<SimCall, Latency> latencies,
        double transientFailureRate, double permanentFailureRate, long seed, Set<String> images, boolean snapshots,
        boolean reachable) {

    static final String SCHEME = "sim://";

    private static final Map<String, SimCall> LATENCY_KEYS = Map.of(
            "provisionLatency", SimCall.PROVISION,
            "startLatency", SimCall.START,
            "stopLatency", SimCall.STOP,
            "deleteLatency", SimCall.DELETE,
            "snapshotLatency", SimCall.SNAPSHOT);
    private static final Set<String> KNOWN;

    static {
        Set<String> known = new TreeSet<>(LATENCY_KEYS.keySet());
        known.addAll(Set.of("vcpu", "memoryMiB", "diskGiB", "kinds", "transientFailureRate", "permanentFailureRate",
                "seed", "images", "snapshots", "unreachable"));
        KNOWN = Set.copyOf(known);
    }

    SimOptions {
        kinds = Set.copyOf(kinds);
        latencies = Map.copyOf(latencies);
        images = Set.copyOf(images);
    }

    /** Reads a host connection; a malformed endpoint or an unknown/invalid option is {@link ProviderException.Permanent}. */
    static SimOptions from(HostConnection connection) {
        String endpoint = connection.endpoint();
        if (!endpoint.startsWith(SCHEME) || endpoint.length() == SCHEME.length()) {
            throw new ProviderException.EndpointRefused("endpoint", "a sim endpoint is sim://<name>");
        }
        Map<String, String> options = connection.options();
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw invalid("unknown sim options " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        Map<SimCall, Latency> latencies = new LinkedHashMap<>();
        LATENCY_KEYS.forEach((key, call) -> latencies.put(call, parse(options, key, Latency.ZERO, Latency::parse)));
        double transientRate = parse(options, "transientFailureRate", 0.0, SimOptions::rate);
        double permanentRate = parse(options, "permanentFailureRate", 0.0, SimOptions::rate);
        if (transientRate + permanentRate > 1.0) {
            throw invalid("transientFailureRate + permanentFailureRate must not exceed 1, got "
                    + transientRate + " + " + permanentRate);
        }
        Resources capacity = new Resources(
                parse(options, "vcpu", 16_000L, SimOptions::milliCpu),
                parse(options, "memoryMiB", 65_536L, SimOptions::positive),
                parse(options, "diskGiB", 500L, SimOptions::notNegative));
        return new SimOptions(endpoint, capacity,
                parse(options, "kinds", EnumSet.allOf(WorkloadKind.class), SimOptions::kinds),
                latencies, transientRate, permanentRate,
                parse(options, "seed", (long) endpoint.hashCode(), Long::parseLong),
                parse(options, "images", Set.of(), SimOptions::list),
                parse(options, "snapshots", true, SimOptions::bool),
                !parse(options, "unreachable", false, SimOptions::bool));
    }

    Latency latency(SimCall call) {
        return latencies.get(call);
    }

    boolean hasImage(String image) {
        return images.isEmpty() || images.contains(image);
    }

    private static <T> T parse(Map<String, String> options, String key, T fallback, Function<String, T> parser) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid("option " + key + ": " + e.getMessage());
        }
    }

    private static double rate(String value) {
        double rate = Double.parseDouble(value);
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("a rate is between 0 and 1, got " + value);
        }
        return rate;
    }

    private static long milliCpu(String value) {
        BigDecimal milli = new BigDecimal(value).movePointRight(3);
        if (milli.signum() <= 0 || milli.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("vcpu is positive with at most 3 decimals, got " + value);
        }
        return milli.longValueExact();
    }

    private static long positive(String value) {
        long n = Long.parseLong(value);
        if (n <= 0) {
            throw new IllegalArgumentException("must be positive, got " + value);
        }
        return n;
    }

    private static long notNegative(String value) {
        long n = Long.parseLong(value);
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative, got " + value);
        }
        return n;
    }

    private static Set<WorkloadKind> kinds(String value) {
        Set<WorkloadKind> kinds = EnumSet.noneOf(WorkloadKind.class);
        for (String kind : list(value)) {
            try {
                kinds.add(WorkloadKind.valueOf(kind.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kinds are container and vm, got '" + kind + "'");
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one kind (container, vm)");
        }
        return kinds;
    }

    private static Set<String> list(String value) {
        Set<String> items = new TreeSet<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("true or false, got '" + value + "'");
        };
    }

    private static ProviderException.Permanent invalid(String message) {
        return new ProviderException.Permanent(message, null);
    }
}
