package dev.berth.policies;

import dev.cel.runtime.CelRuntime;

/**
 * A policy ready to evaluate: its type-checked program, its compiled message template and the
 * host fields it reads. Immutable and thread-safe; built only by {@link PolicyCompiler}.
 */
record CompiledPolicy(Policy policy, CelRuntime.Program program, MessageTemplate message, HostFields hostFields) {
}
