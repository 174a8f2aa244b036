package dev.berth.provider.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** How Docker's view of a container becomes an {@link ActualState}. */
final class ContainerStates {

    private ContainerStates() {
    }

    /** From {@code docker inspect}: full state, including the limits the engine enforces. */
    static ActualState fromInspect(UUID workloadId, InspectContainerResponse container) {
        ContainerState state = container.getState();
        String dockerStatus = state == null ? "unknown" : state.getStatus();
        Map<String, String> labels = container.getConfig() == null ? null : container.getConfig().getLabels();
        boolean ended = state != null && ("exited".equals(dockerStatus) || "dead".equals(dockerStatus));
        Integer exitCode = ended && state.getExitCodeLong() != null ? Integer.valueOf(state.getExitCodeLong().intValue()) : null;
        return new ActualState(workloadId, tenant(labels), container.getId(), status(dockerStatus), detail(state),
                Optional.of(applied(container.getHostConfig())), dockerStatus, exitCode,
                state == null ? null : instant(state.getStartedAt()), ended ? instant(state.getFinishedAt()) : null,
                labels == null ? null : labels.get(WorkloadSpec.LABEL_INSTALLATION));
    }

    /**
     * From a {@code docker ps} row: status only, no limits (reading them would cost one
     * inspect per container). Empty when the row's workload label is not a UUID.
     */
    static Optional<ActualState> fromSummary(Container container) {
        Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
        Optional<UUID> workloadId = parseUuid(labels.get(WorkloadSpec.LABEL_WORKLOAD));
        return workloadId.map(id -> new ActualState(id, tenant(labels), container.getId(),
                status(container.getState()), container.getStatus(), Optional.empty(), container.getState(),
                exitCode(container.getStatus()), null, null, labels.get(WorkloadSpec.LABEL_INSTALLATION)));
    }

    private static final java.util.regex.Pattern EXITED = java.util.regex.Pattern.compile("^Exited \\((-?\\d+)\\)");

    /** The exit code in a {@code docker ps} status such as "Exited (3) 2 seconds ago"; null otherwise. */
    static Integer exitCode(String psStatus) {
        if (psStatus == null) {
            return null;
        }
        java.util.regex.Matcher m = EXITED.matcher(psStatus);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Docker's RFC 3339 times; its zero time ("0001-01-01T00:00:00Z", never started) is null. */
    static java.time.Instant instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank() || rfc3339.startsWith("0001-")) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(rfc3339).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Docker's State.Status → Berth's coarse status. */
    static Status status(String dockerStatus) {
        if (dockerStatus == null) {
            return Status.TRANSITIONING;
        }
        return switch (dockerStatus) {
            case "running" -> Status.RUNNING;
            case "created" -> Status.CREATED;
            case "exited" -> Status.STOPPED;
            case "dead" -> Status.FAILED;
            default -> Status.TRANSITIONING; // restarting, paused, removing
        };
    }

    static Resources applied(HostConfig host) {
        if (host == null) {
            return Resources.ZERO;
        }
        long nanoCpus = host.getNanoCPUs() == null ? 0 : host.getNanoCPUs();
        long memory = host.getMemory() == null ? 0 : host.getMemory();
        // Docker enforces no disk size on overlay2, so none is reported as applied.
        return new Resources(nanoCpus / ContainerSpecs.NANO_CPUS_PER_MILLI_CPU, memory / ContainerSpecs.BYTES_PER_MIB, 0);
    }

    static Optional<UUID> parseUuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String tenant(Map<String, String> labels) {
        return labels == null ? "" : labels.getOrDefault(WorkloadSpec.LABEL_TENANT, "");
    }

    /** e.g. "exited (137), OOM-killed" or "running". */
    private static String detail(ContainerState state) {
        if (state == null) {
            return "unknown";
        }
        StringBuilder detail = new StringBuilder(String.valueOf(state.getStatus()));
        if ("exited".equals(state.getStatus()) || "dead".equals(state.getStatus())) {
            detail.append(" (").append(state.getExitCodeLong()).append(')');
        }
        if (Boolean.TRUE.equals(state.getOOMKilled())) {
            detail.append(", OOM-killed");
        }
        if (state.getError() != null && !state.getError().isBlank()) {
            detail.append(", ").append(state.getError());
        }
        return detail.toString();
    }
}
