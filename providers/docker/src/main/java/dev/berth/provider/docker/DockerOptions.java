package dev.berth.provider.docker;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Docker host's connection settings, parsed and validated once when the driver opens.
 *
 * @param endpoint        {@code unix:///path/to/docker.sock} or {@code tcp://host:port} (plain, no TLS), parsed and checked
 * @param networkMode     Docker network mode of every container; option {@code networkMode}, default {@code none}
 * @param connectTimeout  option {@code connectTimeoutSeconds}, default 5: an unreachable host fails fast
 * @param responseTimeout option {@code responseTimeoutSeconds}, default 60: the longest any engine call may take
 * @param probeTimeout    option {@code probeTimeoutSeconds}, default 3: connect and response limit of {@code probe()}
 * @param pullTimeout     option {@code pullTimeoutSeconds}, default 600: the longest one image pull may take
 */
record DockerOptions(DockerEndpoint endpoint, String networkMode, Duration connectTimeout, Duration responseTimeout,
        Duration probeTimeout, Duration pullTimeout) {

    static final String NETWORK_MODE = "networkMode";
    static final String CONNECT_TIMEOUT = "connectTimeoutSeconds";
    static final String RESPONSE_TIMEOUT = "responseTimeoutSeconds";
    static final String PROBE_TIMEOUT = "probeTimeoutSeconds";
    static final String PULL_TIMEOUT = "pullTimeoutSeconds";
    private static final Set<String> KNOWN = Set.of(NETWORK_MODE, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, PROBE_TIMEOUT,
            PULL_TIMEOUT);

    /**
     * Reads a host connection; an unknown/invalid option is Permanent, an endpoint that is
     * malformed, unsafe or outside {@code destinations} is {@link ProviderException.EndpointRefused}.
     */
    static DockerOptions from(HostConnection connection, DestinationPolicy destinations) {
        Map<String, String> options = connection.options();
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw invalid("unknown docker options " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        String networkMode = options.getOrDefault(NETWORK_MODE, "none");
        if (networkMode.isBlank()) {
            throw invalid("option " + NETWORK_MODE + " must not be blank");
        }
        DockerEndpoint endpoint = DockerEndpoint.parse(connection.endpoint());
        endpoint.check(destinations);
        return new DockerOptions(endpoint, networkMode,
                seconds(options, CONNECT_TIMEOUT, 5), seconds(options, RESPONSE_TIMEOUT, 60),
                seconds(options, PROBE_TIMEOUT, 3), seconds(options, PULL_TIMEOUT, 600));
    }

    /** Longest stop grace that still leaves the engine call time to answer within the response timeout. */
    Duration maxGrace() {
        Duration max = responseTimeout.minusSeconds(10);
        return max.isNegative() ? Duration.ZERO : max;
    }

    private static Duration seconds(Map<String, String> options, String key, long defaultSeconds) {
        String value = options.get(key);
        if (value == null) {
            return Duration.ofSeconds(defaultSeconds);
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds <= 0) {
                throw invalid("option " + key + " must be a positive number of seconds, got " + value);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw invalid("option " + key + " must be a whole number of seconds, got '" + value + "'");
        }
    }

    private static ProviderException.Permanent invalid(String message) {
        return new ProviderException.Permanent(message, null);
    }
}
