package dev.berth.provider.libvirt;

import java.time.Instant;

/**
 * One snapshot of a workload's domain, as libvirt reports it.
 *
 * @param name        the snapshot's name, unique per workload
 * @param domainState the domain's state when it was taken ("running", "shutoff" …); a revert
 *                    returns the domain to that state
 * @param createdAt   when it was taken (libvirt keeps whole seconds)
 */
public record LibvirtSnapshot(String name, String domainState, Instant createdAt) {
}
