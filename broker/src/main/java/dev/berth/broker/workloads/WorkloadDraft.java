package dev.berth.broker.workloads;

import java.util.List;
import java.util.Map;

import dev.berth.provider.spi.PullPolicy;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;

/** A validated create request, before admission decides its kind, gives it an id, a host and a reservation. */
public record WorkloadDraft(String name, KindRequest requestedKind, String image, List<String> command, Map<String, String> env,
                            Map<String, String> labels, RestartPolicy restartPolicy, Resources resources,
                            PlacementHints placement, Isolation isolation, boolean untrusted, VmOptions vm,
                            PullPolicy pullPolicy) {

    public WorkloadDraft {
        pullPolicy = pullPolicy == null ? PullPolicy.IF_NOT_PRESENT : pullPolicy;
        isolation = isolation == null ? Isolation.STANDARD : isolation;
        vm = vm == null ? VmOptions.LINUX : vm;
        placement = placement == null ? PlacementHints.NONE : placement;
    }

    /**
     * The resources a workload of {@code kind} actually gets: hypervisors allocate whole vCPUs,
     * so a VM is charged (quota) and placed (capacity) on its vCPU count rounded up.
     */
    public Resources resourcesAs(WorkloadKind kind) {
        if (kind != WorkloadKind.VM) {
            return resources;
        }
        long wholeCpus = Math.max(1, (resources.milliCpu() + 999) / 1000);
        return new Resources(wholeCpus * 1000, resources.memoryMiB(), resources.diskGiB());
    }
}
