package dev.berth.placement;

import java.util.Optional;

/** The outcome: the chosen host (empty when nothing fits) and the explanation either way. */
public record PlacementDecision(Optional<HostSnapshot> host, PlacementExplanation explanation) {
}
