package dev.berth.provider.spi;

import java.util.Map;
import java.util.Objects;

/**
 * How to reach one host: the driver type, its endpoint and driver-specific options.
 *
 * @param driver   driver type, e.g. {@code docker}, {@code libvirt}, {@code aws}
 * @param endpoint e.g. {@code unix:///var/run/docker.sock}, {@code tcp://127.0.0.1:2375},
 *                 {@code test:///default}, {@code qemu:///system}
 * @param options  driver-specific settings (e.g. Docker {@code networkMode})
 */
public record HostConnection(String driver, String endpoint, Map<String, String> options) {

    public HostConnection {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(endpoint, "endpoint");
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
