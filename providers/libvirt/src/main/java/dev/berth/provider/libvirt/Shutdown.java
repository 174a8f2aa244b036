package dev.berth.provider.libvirt;

import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** The outcome of asking a domain to shut down gracefully (ACPI power button). */
enum Shutdown {
    /** It was not running: nothing to wait for. */
    ALREADY_OFF,
    /** The guest was asked; wait for it, up to the grace. */
    REQUESTED,
    /** The hypervisor refused the request (no ACPI, paused, unsupported): go straight to destroy. */
    REFUSED;

    static Shutdown request(Domain domain) throws LibvirtException {
        if (domain.isActive() != 1) {
            return ALREADY_OFF;
        }
        try {
            domain.shutdown();
            return REQUESTED;
        } catch (LibvirtException e) {
            if (domain.isActive() != 1) {
                return ALREADY_OFF;
            }
            if (LibvirtErrors.kindOf(e) == LibvirtErrors.Kind.TRANSIENT) {
                throw e;
            }
            return REFUSED;
        }
    }
}
