package dev.berth.tenants.directory;

/**
 * A directory call that did not do what was asked: either the provider could not be reached
 * ({@link DirectoryUnavailable}) or it refused ({@link DirectoryRefused}). The message is
 * written for the person who called the API.
 */
public abstract sealed class DirectoryException extends RuntimeException
        permits DirectoryUnavailable, DirectoryRefused {

    protected DirectoryException(String message) {
        super(message, null, false, false);
    }
}
