package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ProviderException;
import java.util.EnumSet;
import java.util.Set;
import org.libvirt.Error;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * Turns libvirt failures into the SPI's three classes, once, so the driver never lets a
 * {@link LibvirtException} escape. The rule: the object is gone → NotFound; the host could
 * not be reached or the connection broke → Transient; libvirt rejected the request →
 * Permanent. Anything unrecognised is Permanent: retrying an unknown failure forever hides it.
 */
final class LibvirtErrors {

    /** Coarse class of a libvirt error code. */
    enum Kind { NOT_FOUND, TRANSIENT, PERMANENT }

    private static final Set<ErrorNumber> NOT_FOUND = EnumSet.of(
            ErrorNumber.VIR_ERR_NO_DOMAIN, ErrorNumber.VIR_ERR_NO_STORAGE_VOL, ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT);

    /** The connection itself is unusable: the next call should open a new one. */
    private static final Set<ErrorNumber> CONNECTION_LOST = EnumSet.of(
            ErrorNumber.VIR_ERR_NO_CONNECT, ErrorNumber.VIR_ERR_INVALID_CONN, ErrorNumber.VIR_ERR_RPC);

    private static final Set<ErrorNumber> TRANSIENT = EnumSet.of(
            ErrorNumber.VIR_ERR_NO_CONNECT, ErrorNumber.VIR_ERR_INVALID_CONN, ErrorNumber.VIR_ERR_RPC,
            ErrorNumber.VIR_ERR_SYSTEM_ERROR, ErrorNumber.VIR_ERR_OPERATION_TIMEOUT,
            ErrorNumber.VIR_ERR_RESOURCE_BUSY, ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE,
            ErrorNumber.VIR_ERR_AGENT_UNSYNCED, ErrorNumber.VIR_ERR_OPERATION_ABORTED, ErrorNumber.VIR_ERR_NO_SERVER,
            ErrorNumber.VIR_ERR_NO_MEMORY);

    private final String uri;

    LibvirtErrors(String uri) {
        this.uri = uri;
    }

    /** Classifies a failure of {@code action} (e.g. "start berth-…") on this host. */
    ProviderException classify(String action, LibvirtException e) {
        Error error = e.getError();
        ErrorNumber code = error == null ? ErrorNumber.VIR_ERR_UNKNOWN : error.getCode();
        ErrorDomain domain = error == null ? null : error.getDomain();
        String message = "libvirt " + uri + ": " + action + ": " + reason(e);
        return switch (kindOf(code, domain)) {
            case NOT_FOUND -> new ProviderException.NotFound(message, e);
            case TRANSIENT -> new ProviderException.Transient(message, e);
            case PERMANENT -> new ProviderException.Permanent(message, e);
        };
    }

    /** The pure rule behind {@link #classify}; any failure raised by the RPC layer is a transport failure. */
    static Kind kindOf(ErrorNumber code, ErrorDomain domain) {
        if (NOT_FOUND.contains(code)) {
            return Kind.NOT_FOUND;
        }
        if (TRANSIENT.contains(code) || domain == ErrorDomain.VIR_FROM_RPC) {
            return Kind.TRANSIENT;
        }
        return Kind.PERMANENT;
    }

    static Kind kindOf(LibvirtException e) {
        Error error = e.getError();
        return error == null ? Kind.PERMANENT : kindOf(error.getCode(), error.getDomain());
    }

    /** Whether the connection is broken, so that it should be dropped and reopened. */
    static boolean connectionLost(LibvirtException e) {
        Error error = e.getError();
        return error != null && (CONNECTION_LOST.contains(error.getCode()) || error.getDomain() == ErrorDomain.VIR_FROM_RPC);
    }

    /** Whether {@code e} carries one of {@code codes}. */
    static boolean is(LibvirtException e, ErrorNumber... codes) {
        Error error = e.getError();
        if (error == null) {
            return false;
        }
        for (ErrorNumber code : codes) {
            if (error.getCode() == code) {
                return true;
            }
        }
        return false;
    }

    /** libvirt's own message and code, e.g. "Domain not found (VIR_ERR_NO_DOMAIN)". */
    static String reason(LibvirtException e) {
        Error error = e.getError();
        String text = e.getMessage() == null ? "" : e.getMessage().strip();
        return error == null ? text : text + " (" + error.getCode() + ")";
    }

    /** The base image is not in the pool; Berth never downloads images. */
    ProviderException.Permanent imageMissing(String image, String pool) {
        return new ProviderException.Permanent("base image volume " + image + " is not present in storage pool "
                + pool + " on host " + uri + " (Berth never downloads images; upload it to the pool first)", null);
    }

    ProviderException.Permanent poolMissing(String pool) {
        return new ProviderException.Permanent("storage pool " + pool + " does not exist on host " + uri
                + " (set the host option " + LibvirtOptions.STORAGE_POOL + ")", null);
    }

    ProviderException.NotFound domainMissing(String name) {
        return new ProviderException.NotFound("libvirt " + uri + ": domain " + name + " does not exist", null);
    }

    /** libvirt0 (the C library) could not be loaded on the broker's machine. */
    ProviderException.Permanent libraryMissing(LinkageError e) {
        return new ProviderException.Permanent("libvirt client library not loadable for " + uri
                + " (install Debian's libvirt0 on the broker's machine): " + e, e);
    }
}
