package dev.berth.provider.spi;

import java.time.Instant;

/**
 * One point-in-time copy of a workload, as the provider keeps it.
 *
 * @param name      unique per workload; chosen by the broker
 * @param createdAt when it was taken (providers may keep whole seconds only)
 * @param detail    the provider's own words (e.g. the VM state it captured, the image it committed)
 */
public record ProviderSnapshot(String name, Instant createdAt, String detail) {
}
