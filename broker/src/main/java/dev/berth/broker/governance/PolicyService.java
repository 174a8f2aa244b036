package dev.berth.broker.governance;

import java.util.List;

import dev.berth.api.model.PolicyInput;
import dev.berth.broker.db.Database;
import dev.berth.placement.PlacementConfig;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.policies.Policy;
import dev.berth.policies.PolicyCompilationException;
import dev.berth.policies.PolicyEffect;
import dev.berth.policies.PolicyEngine;
import dev.berth.policies.PolicyMode;
import dev.berth.policies.PolicyScope;
import dev.berth.policies.PolicyStage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Policy administration: every save is type-checked by the engine first (nothing is stored
 * when it does not compile) and kept as a new version with who and when.
 */
@ApplicationScoped
public class PolicyService {

    private final Database db;
    private final PolicyStore store;
    private final PolicyEngine engine;

    PolicyService(Database db, PolicyStore store, PolicyEngine engine) {
        this.db = db;
        this.store = store;
        this.engine = engine;
    }

    public StoredPolicy create(PolicyInput input, String by) {
        Policy policy = checked(toPolicy(input, 1));
        return db.transaction(c -> {
            if (store.current(c, policy.id(), true).filter(p -> !p.deleted()).isPresent()) {
                throw new GovernanceProblems.Exists(policy.id());
            }
            long version = store.current(c, policy.id(), true).map(p -> p.policy().version() + 1).orElse(1L);
            Policy versioned = policy.toBuilder().version(version).build();
            store.save(c, versioned, false, by);
            return store.current(c, policy.id(), false).orElseThrow();
        });
    }

    public StoredPolicy update(String id, PolicyInput input, String by) {
        if (!id.equals(input.getId())) {
            throw new dev.berth.broker.problems.InvalidRequest("id", "must equal the policy id in the path");
        }
        Policy draft = checked(toPolicy(input, 1));
        return db.transaction(c -> {
            StoredPolicy current = store.current(c, id, true).filter(p -> !p.deleted())
                    .orElseThrow(() -> new GovernanceProblems.NotFound(id));
            store.save(c, draft.toBuilder().version(current.policy().version() + 1).build(), false, by);
            return store.current(c, id, false).orElseThrow();
        });
    }

    public void delete(String id, String by) {
        db.transaction(c -> {
            StoredPolicy current = store.current(c, id, true).filter(p -> !p.deleted())
                    .orElseThrow(() -> new GovernanceProblems.NotFound(id));
            store.save(c, current.policy().toBuilder().version(current.policy().version() + 1).enabled(false).build(), true, by);
            return null;
        });
        engine.evict(id);
    }

    public StoredPolicy get(String id) {
        return db.autoCommit(c -> store.current(c, id, false)).filter(p -> !p.deleted())
                .orElseThrow(() -> new GovernanceProblems.NotFound(id));
    }

    public List<StoredPolicy> list() {
        return db.autoCommit(store::active);
    }

    public List<StoredPolicy> history(String id) {
        List<StoredPolicy> history = db.autoCommit(c -> store.history(c, id));
        if (history.isEmpty()) {
            throw new GovernanceProblems.NotFound(id);
        }
        return history;
    }

    /** Type-checks a policy; the compiler's issues (with positions) become a {@code policy.invalid} problem. */
    public Policy checked(Policy policy) {
        // A placement policy's rejections are counted under its name next to the built-in filters'.
        if (policy.stage() == PolicyStage.PLACEMENT && PlacementConfig.KNOWN_FILTERS.contains(policy.name())) {
            throw new InvalidRequest("name", "'" + policy.name() + "' is the name of a built-in placement filter; "
                    + "a placement policy's rejections are reported under its name, so choose another");
        }
        try {
            engine.compiler().validate(policy);
            return policy;
        } catch (PolicyCompilationException e) {
            throw new GovernanceProblems.Invalid(e.issues());
        }
    }

    public static Policy toPolicy(PolicyInput in, long version) {
        return Policy.builder(in.getId()).name(in.getName()).description(in.getDescription())
                .scope(in.getTenant() == null ? PolicyScope.global() : PolicyScope.tenant(in.getTenant()))
                .stage(PolicyStage.valueOf(in.getStage().toString().toUpperCase()))
                .expression(in.getExpression())
                .effect(PolicyEffect.valueOf(in.getEffect().toString().toUpperCase()))
                .mode(PolicyMode.valueOf(in.getMode().toString().toUpperCase()))
                .message(in.getMessage()).version(version).enabled(in.getEnabled() == null || in.getEnabled())
                .build();
    }
}
