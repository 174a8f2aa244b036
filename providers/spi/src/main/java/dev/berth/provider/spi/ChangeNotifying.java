package dev.berth.provider.spi;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Optional capability of a {@link ProviderDriver} whose provider pushes state changes (the
 * Docker engine's {@code /events} stream): the broker reconciles the host as soon as a Berth
 * object changes instead of waiting for its next periodic pass. Periodic {@code list()}
 * remains the source of truth; an event is only a hint, so a lost event delays, never
 * loses, a correction.
 */
public interface ChangeNotifying {

    /**
     * Starts watching Berth-labelled objects. {@code onChange} gets the workload id of each
     * object that started, stopped, died or was removed; {@code onEnd} is called once when the
     * stream ends (engine gone, error) with the cause, or null after {@link AutoCloseable#close()}.
     * Callbacks run on the driver's threads and must not block.
     *
     * @return closing it stops watching
     */
    AutoCloseable watch(Consumer<UUID> onChange, Consumer<Throwable> onEnd);
}
