package dev.berth.policies;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compiled programs by policy id, valid for one (id, version): a newer version replaces the
 * older entry, so the cache holds one program per policy. A policy whose content differs from
 * the cached one under the same version (a dry-run draft, a caller bug) is recompiled rather
 * than served stale. Compilation failures are not cached.
 */
final class ProgramCache {

    private final PolicyCompiler compiler;
    private final ConcurrentMap<String, CompiledPolicy> byId = new ConcurrentHashMap<>();
    private final LongAdder compilations = new LongAdder();

    ProgramCache(PolicyCompiler compiler) {
        this.compiler = compiler;
    }

    CompiledPolicy get(Policy policy) throws PolicyCompilationException {
        CompiledPolicy cached = byId.get(policy.id());
        if (cached != null && cached.policy().version() == policy.version() && cached.policy().equals(policy)) {
            return cached;
        }
        CompiledPolicy compiled = compiler.compile(policy);
        compilations.increment();
        byId.put(policy.id(), compiled);
        return compiled;
    }

    void evict(String policyId) {
        byId.remove(policyId);
    }

    long compilations() {
        return compilations.sum();
    }
}
