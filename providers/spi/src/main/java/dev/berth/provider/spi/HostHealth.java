package dev.berth.provider.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * Result of one health probe of a host.
 *
 * @param healthy   whether the host answered and can take work
 * @param detail    short reason, shown to admins ("engine 20.10.24 ok", "connection refused")
 * @param latency   round-trip of the probe
 * @param checkedAt when the probe ran
 */
public record HostHealth(boolean healthy, String detail, Duration latency, Instant checkedAt) {
}
