package dev.berth.policies;

import java.util.Objects;

/**
 * One governance rule, as an admin wrote it. Immutable; a change is a new {@link #version()}.
 *
 * <p><b>Polarity.</b> {@link #expression()} is a CEL boolean expression stating the rule that
 * must hold: {@code true} means the request is allowed (admission) or the host is eligible
 * (placement); {@code false} is a violation, which then has the policy's {@link #effect()}
 * in its {@link #mode()}. Example: {@code request.resources.vcpu <= 16.0 || tenant.labels["tier"] == "large"}.
 *
 * <p>{@code (id, version)} identifies the content: the engine caches compiled programs under
 * that pair, so a changed expression or message must come with a new version.
 *
 * @param id          stable identifier (slug), unique among policies
 * @param name        short human name, shown in denials and placement explanations
 * @param description what the rule is for (free text, may be empty)
 * @param scope       global or one tenant
 * @param stage       admission or placement
 * @param expression  CEL boolean expression over the declared variables (see the module README)
 * @param effect      deny or warn
 * @param mode        enforce or audit
 * @param message     message template shown on a violation; {@code {{ expr }}} placeholders are
 *                    CEL expressions over the same variables, rendered at evaluation
 * @param version     content version, starting at 1
 * @param enabled     a disabled policy is never evaluated
 */
public record Policy(
        String id,
        String name,
        String description,
        PolicyScope scope,
        PolicyStage stage,
        String expression,
        PolicyEffect effect,
        PolicyMode mode,
        String message,
        long version,
        boolean enabled) {

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(mode, "mode");
        if (id.isBlank()) {
            throw new IllegalArgumentException("policy id must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("policy version starts at 1, got " + version);
        }
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        message = message == null ? "" : message;
    }

    /** True when this policy is enabled, runs at {@code stage} and governs {@code tenantSlug}'s requests. */
    public boolean appliesTo(PolicyStage stage, String tenantSlug) {
        return enabled && this.stage == stage && scope.covers(tenantSlug);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        return new Builder(id).name(name).description(description).scope(scope).stage(stage)
                .expression(expression).effect(effect).mode(mode).message(message)
                .version(version).enabled(enabled);
    }

    /** Builder with the defaults an admin gets: global, admission, deny, enforce, version 1, enabled. */
    public static final class Builder {
        private final String id;
        private String name;
        private String description = "";
        private PolicyScope scope = PolicyScope.global();
        private PolicyStage stage = PolicyStage.ADMISSION;
        private String expression;
        private PolicyEffect effect = PolicyEffect.DENY;
        private PolicyMode mode = PolicyMode.ENFORCE;
        private String message = "";
        private long version = 1;
        private boolean enabled = true;

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder description(String description) { this.description = description; return this; }
        public Builder scope(PolicyScope scope) { this.scope = scope; return this; }
        public Builder stage(PolicyStage stage) { this.stage = stage; return this; }
        public Builder expression(String expression) { this.expression = expression; return this; }
        public Builder effect(PolicyEffect effect) { this.effect = effect; return this; }
        public Builder mode(PolicyMode mode) { this.mode = mode; return this; }
        public Builder message(String message) { this.message = message; return this; }
        public Builder version(long version) { this.version = version; return this; }
        public Builder enabled(boolean enabled) { this.enabled = enabled; return this; }

        public Policy build() {
            return new Policy(id, name, description, scope, stage, expression, effect, mode,
                    message, version, enabled);
        }
    }
}
