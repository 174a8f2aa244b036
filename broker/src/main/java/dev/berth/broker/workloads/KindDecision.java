package dev.berth.broker.workloads;

import java.util.Optional;

import dev.berth.provider.spi.WorkloadKind;

/**
 * The kind to place first and why, and the kind to fall back to when no host can run the
 * first (empty when the request's needs rule the other kind out).
 */
public record KindDecision(WorkloadKind kind, String reason, Optional<WorkloadKind> fallback) {
}
