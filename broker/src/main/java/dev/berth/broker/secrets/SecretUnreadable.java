package dev.berth.broker.secrets;

/**
 * A sealed secret that cannot be opened: its key id is not configured, or the master key is
 * not the one that sealed it, or the stored envelope was altered or moved to another record.
 * Never returns garbage instead: AES-GCM authenticates every byte and the record it belongs to.
 */
public final class SecretUnreadable extends RuntimeException {

    SecretUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
