package dev.berth.cli.workloads;

import java.time.Duration;
import java.util.UUID;

import picocli.CommandLine.Option;

/** Options every mutation shares: idempotency key, and waiting for the outcome. */
public final class WaitOptions {

    @Option(names = "--wait", description = "Follow the operation's progress until it has finished.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "With --wait: give up after this long "
            + "(ISO-8601, default ${DEFAULT-VALUE}); exit code 11.")
    Duration timeout;

    @Option(names = "--idempotency-key", description = "Retry-safe key (default: a new random one per call).")
    String idempotencyKey;

    String key() {
        return idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    }
}
