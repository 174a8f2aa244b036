package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ProviderException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * One libvirt connection to one URI: opened on first use, shared by every call, reopened
 * after it broke, closed once. libvirt connections are thread-safe, so calls run
 * concurrently; the read/write lock only keeps {@link #close()} and the reopen of a broken
 * connection from pulling it from under a call in flight (the Java binding frees native
 * pointers on close, which a concurrent call would then use).
 */
final class LibvirtConnection implements AutoCloseable {

    /** A unit of work on the connection; it may throw libvirt's checked exception. */
    @FunctionalInterface
    interface LibvirtCall<T> {
        T apply(Connect connect) throws LibvirtException;
    }

    private final LibvirtUri uri;
    private final LibvirtErrors errors;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object opening = new Object();
    private Connect connect; // guarded by opening (assignment) and lock (use vs. close)
    private boolean closed;

    /** Only a parsed, checked URI: the string libvirt gets is the one {@link LibvirtUri} renders. */
    LibvirtConnection(LibvirtUri uri, LibvirtErrors errors) {
        this.uri = uri;
        this.errors = errors;
    }

    LibvirtErrors errors() {
        return errors;
    }

    /** Runs {@code call} on the (lazily opened) connection; every failure leaves as a ProviderException. */
    <T> T call(String action, LibvirtCall<T> call) {
        Connect used = null;
        ProviderException failure;
        boolean lost;
        lock.readLock().lock();
        try {
            used = open(action);
            return call.apply(used);
        } catch (LibvirtException e) {
            failure = errors.classify(action, e);
            lost = LibvirtErrors.connectionLost(e);
        } catch (LinkageError e) {
            throw errors.libraryMissing(e);
        } finally {
            lock.readLock().unlock();
        }
        if (lost && used != null) {
            drop(used);
        }
        throw failure;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            synchronized (opening) {
                closed = true;
                closeQuietly(connect);
                connect = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Connect open(String action) throws LibvirtException {
        synchronized (opening) {
            if (closed) {
                throw new ProviderException.Permanent("libvirt " + uri + ": " + action + ": driver is closed", null);
            }
            if (connect == null) {
                connect = new Connect(uri.toString());
            }
            return connect;
        }
    }

    /** Forgets a broken connection (unless another thread already replaced it) so the next call reopens. */
    private void drop(Connect broken) {
        lock.writeLock().lock();
        try {
            synchronized (opening) {
                if (connect == broken) {
                    connect = null;
                    closeQuietly(broken);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void closeQuietly(Connect connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (LibvirtException | RuntimeException e) {
            // Nothing to recover: the connection is dropped either way.
        }
    }
}
