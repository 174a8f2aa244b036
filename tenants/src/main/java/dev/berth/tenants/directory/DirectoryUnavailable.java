package dev.berth.tenants.directory;

/** The identity provider did not answer (connection refused, timeout, 5xx, its own login failed): worth retrying later. */
public final class DirectoryUnavailable extends DirectoryException {

    public DirectoryUnavailable(String what, String why) {
        super("The identity provider is unavailable (" + what + ": " + why + ").");
    }
}
