package dev.berth.broker.workloads;

import java.util.List;
import java.util.Map;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;

/** A validated create request, before admission gives it an id, a host and a reservation. */
public record WorkloadDraft(String name, WorkloadKind kind, String image, List<String> command, Map<String, String> env,
                            Map<String, String> labels, RestartPolicy restartPolicy, Resources resources,
                            PlacementHints placement) {
}
