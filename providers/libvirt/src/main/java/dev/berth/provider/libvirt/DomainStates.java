package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ActualState.Status;
import org.libvirt.DomainInfo.DomainState;

/** How libvirt's domain states become Berth's coarse status. */
final class DomainStates {

    private DomainStates() {
    }

    static Status status(DomainState state) {
        if (state == null) {
            return Status.TRANSITIONING;
        }
        return switch (state) {
            case VIR_DOMAIN_RUNNING -> Status.RUNNING;
            case VIR_DOMAIN_SHUTOFF -> Status.STOPPED;
            case VIR_DOMAIN_CRASHED -> Status.FAILED;
            // paused, blocked, shutting down, no state: on the way somewhere, not a resting state
            default -> Status.TRANSITIONING;
        };
    }

    /** libvirt's own word for the state, e.g. "running", "shutoff". */
    static String detail(DomainState state) {
        return state == null ? "unknown" : state.name().substring("VIR_DOMAIN_".length()).toLowerCase();
    }
}
