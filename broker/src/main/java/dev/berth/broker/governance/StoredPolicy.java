package dev.berth.broker.governance;

import java.time.OffsetDateTime;

import dev.berth.policies.Policy;

/** A policy version as stored: the engine's model plus who changed it, when, and whether it is deleted. */
public record StoredPolicy(Policy policy, boolean deleted, String updatedBy, OffsetDateTime updatedAt) {
}
