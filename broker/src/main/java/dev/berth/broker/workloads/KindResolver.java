package dev.berth.broker.workloads;

import java.util.Optional;

import dev.berth.broker.problems.InvalidRequest;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides container or VM. An explicit kind is kept (and checked against the request's
 * needs); {@code auto} goes to a VM when the workload needs what only a VM gives — strong
 * isolation, untrusted code, a non-Linux guest, its own kernel — and otherwise to the
 * configured default (container: starts faster, packs denser), falling back to the other
 * kind when the fleet cannot run the first. The rules an admin may change are configuration.
 */
@ApplicationScoped
public class KindResolver {

    private final boolean untrustedNeedsVm;
    private final WorkloadKind defaultKind;
    private final boolean fallback;

    KindResolver(@ConfigProperty(name = "berth.kinds.auto.untrusted-needs-vm", defaultValue = "true") boolean untrustedNeedsVm,
                 @ConfigProperty(name = "berth.kinds.auto.default", defaultValue = "CONTAINER") WorkloadKind defaultKind,
                 @ConfigProperty(name = "berth.kinds.auto.fallback", defaultValue = "true") boolean fallback) {
        this.untrustedNeedsVm = untrustedNeedsVm;
        this.defaultKind = defaultKind;
        this.fallback = fallback;
    }

    public KindDecision resolve(WorkloadDraft d) {
        Optional<String> needsVm = vmNeed(d);
        switch (d.requestedKind()) {
            case VM:
                return new KindDecision(WorkloadKind.VM, "requested", Optional.empty());
            case CONTAINER:
                if (needsVm.isPresent()) {
                    throw new InvalidRequest("kind", "a container cannot satisfy this request: " + needsVm.get());
                }
                return new KindDecision(WorkloadKind.CONTAINER, "requested", Optional.empty());
            default:
                if (needsVm.isPresent()) {
                    return new KindDecision(WorkloadKind.VM, "auto: " + needsVm.get(), Optional.empty());
                }
                WorkloadKind other = defaultKind == WorkloadKind.CONTAINER ? WorkloadKind.VM : WorkloadKind.CONTAINER;
                boolean canFallBack = fallback && (other != WorkloadKind.VM || d.resources().diskGiB() > 0);
                return new KindDecision(defaultKind, "auto: no isolation, guest or kernel needs; "
                        + (defaultKind == WorkloadKind.CONTAINER ? "a container starts faster and packs denser"
                        : "the platform prefers VMs"), canFallBack ? Optional.of(other) : Optional.empty());
        }
    }

    private Optional<String> vmNeed(WorkloadDraft d) {
        if (d.isolation() == Isolation.STRONG) {
            return Optional.of("isolation: strong needs its own kernel (a VM)");
        }
        if (d.untrusted() && untrustedNeedsVm) {
            return Optional.of("untrusted workloads run in VMs");
        }
        if (!"linux".equals(d.vm().osFamily())) {
            return Optional.of("a " + d.vm().osFamily() + " guest needs a VM");
        }
        if (d.vm().customKernel()) {
            return Optional.of("a custom kernel needs a VM");
        }
        return Optional.empty();
    }
}
