package dev.berth.policies;

import static dev.berth.policies.Contexts.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.policies.context.EvaluationContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admission evaluation: outcomes, failure modes, audit mode, scopes, messages, caching. */
class PolicyEngineAdmissionTest {

    private final PolicyEngine engine = new PolicyEngine();
    private final EvaluationContext ctx = request().name("web").vcpu(4).context();

    @Test
    void everyApplicableRuleHasAnOutcomeInTheOrderGiven() {
        Decision decision = engine.admit(ctx, List.of(
                deny("small", "request.resources.vcpu <= 2"),
                warn("named", "request.name != 'web'"),
                deny("ok", "request.kind == 'container'")));

        assertThat(decision.outcomes()).extracting(RuleOutcome::policyId, RuleOutcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("small", RuleOutcome.Status.VIOLATED),
                org.assertj.core.groups.Tuple.tuple("named", RuleOutcome.Status.VIOLATED),
                org.assertj.core.groups.Tuple.tuple("ok", RuleOutcome.Status.ALLOWED));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.denials()).extracting(RuleOutcome::policyId).containsExactly("small");
        assertThat(decision.warnings()).extracting(RuleOutcome::policyId).containsExactly("named");
        assertThat(decision.auditFindings()).isEmpty();
    }

    @Test
    void warningsAloneDoNotDeny() {
        Decision decision = engine.admit(ctx, List.of(warn("named", "request.name != 'web'")));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.warnings()).hasSize(1);
    }

    @Test
    void runtimeErrorFailsClosedForDeny() {
        // 'tier' is not among the tenant's labels: indexing a missing key is a runtime error
        Decision decision = engine.admit(ctx, List.of(deny("tier", "tenant.labels['tier'] == 'large'")));

        RuleOutcome outcome = decision.outcomes().get(0);
        assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.ERROR);
        assertThat(outcome.error()).contains("tier");
        assertThat(outcome.message()).contains("could not be evaluated", "fail closed");
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.denials()).containsExactly(outcome);
        assertThat(decision.errors()).containsExactly(outcome);
    }

    @Test
    void runtimeErrorFailsOpenForWarn() {
        Decision decision = engine.admit(ctx, List.of(warn("tier", "tenant.labels['tier'] == 'large'")));

        assertThat(decision.outcomes().get(0).status()).isEqualTo(RuleOutcome.Status.ERROR);
        assertThat(decision.outcomes().get(0).message()).contains("fail open");
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.warnings()).isEmpty();
        assertThat(decision.errors()).hasSize(1);
    }

    @Test
    void auditModeReportsWouldHaveDeniedWithoutDenying() {
        Policy audited = deny("small", "request.resources.vcpu <= 2").toBuilder().mode(PolicyMode.AUDIT).build();

        Decision decision = engine.admit(ctx, List.of(audited));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.denials()).isEmpty();
        assertThat(decision.auditFindings()).extracting(RuleOutcome::policyId, RuleOutcome::effect)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("small", PolicyEffect.DENY));

        Decision enforced = engine.admit(ctx, List.of(audited.toBuilder().mode(PolicyMode.ENFORCE).version(2).build()));
        assertThat(enforced.allowed()).isFalse();
    }

    @Test
    void auditedDenyRuleThatErrorsIsAWouldHaveDenied() {
        Policy audited = deny("tier", "tenant.labels['tier'] == 'large'").toBuilder().mode(PolicyMode.AUDIT).build();

        Decision decision = engine.admit(ctx, List.of(audited));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.auditFindings()).hasSize(1);
    }

    @Test
    void tenantScopedPolicyAppliesOnlyToItsTenant() {
        Policy acmeOnly = deny("acme-small", "request.resources.vcpu <= 2").toBuilder()
                .scope(PolicyScope.tenant("acme")).build();

        Decision acme = engine.admit(request().tenant("acme").vcpu(4).context(), List.of(acmeOnly));
        Decision globex = engine.admit(request().tenant("globex").vcpu(4).context(), List.of(acmeOnly));

        assertThat(acme.allowed()).isFalse();
        assertThat(globex.outcomes()).isEmpty();
        assertThat(globex.allowed()).isTrue();
    }

    @Test
    void disabledAndPlacementStagePoliciesAreNotEvaluatedAtAdmission() {
        Policy disabled = deny("off", "false").toBuilder().enabled(false).build();
        Policy placement = deny("place", "host.region != ''").toBuilder().stage(PolicyStage.PLACEMENT).build();

        Decision decision = engine.admit(ctx, List.of(disabled, placement));

        assertThat(decision.outcomes()).isEmpty();
        assertThat(engine.evaluations()).isZero();
    }

    @Test
    void messageTemplatesRenderRequestFields() {
        Policy policy = deny("size", "request.resources.vcpu <= 2").toBuilder()
                .message("{{ request.name }} asks for {{ request.resources.vcpu }} vCPU and "
                        + "{{ request.resources.memoryMiB }} MiB; {{ tenant.slug }} may use {{ 8.0 - usage.vcpu }} more "
                        + "({{ request.labels['team'] }})")
                .build();
        EvaluationContext context = request().name("api").vcpu(4.5).labels(Map.of("team", "blue")).context();

        RuleOutcome outcome = engine.admit(context, List.of(policy)).outcomes().get(0);

        assertThat(outcome.message()).isEqualTo("api asks for 4.5 vCPU and 256 MiB; acme may use 5 more (blue)");
    }

    @Test
    void aPlaceholderThatFailsRendersAsUnavailableAndKeepsTheVerdict() {
        Policy policy = deny("size", "false").toBuilder().message("team {{ request.labels['team'] }}").build();

        RuleOutcome outcome = engine.admit(ctx, List.of(policy)).outcomes().get(0);

        assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.VIOLATED);
        assertThat(outcome.message()).isEqualTo("team " + MessageTemplate.UNAVAILABLE);
    }

    @Test
    void withoutATemplateTheMessageNamesThePolicy() {
        Policy policy = Policy.builder("p").name("No big things").expression("false").build();

        assertThat(engine.admit(ctx, List.of(policy)).outcomes().get(0).message())
                .isEqualTo("violates policy 'No big things'");
    }

    @Test
    void programsAreCompiledOncePerPolicyVersion() {
        Policy v1 = deny("size", "request.resources.vcpu <= 2");
        for (int i = 0; i < 5; i++) {
            engine.admit(ctx, List.of(v1));
        }
        assertThat(engine.compilations()).isEqualTo(1);

        Policy v2 = v1.toBuilder().expression("request.resources.vcpu <= 8").version(2).build();
        assertThat(engine.admit(ctx, List.of(v2)).allowed()).isTrue();
        engine.admit(ctx, List.of(v2));
        assertThat(engine.compilations()).isEqualTo(2);
        assertThat(engine.evaluations()).isEqualTo(7);
    }

    @Test
    void aStoredPolicyThatNoLongerCompilesFailsClosed() {
        Policy broken = deny("broken", "request.nope == 1");

        Decision decision = engine.admit(ctx, List.of(broken, warn("broken-warn", "request.nope == 1")));

        assertThat(decision.outcomes()).extracting(RuleOutcome::status)
                .containsOnly(RuleOutcome.Status.ERROR);
        assertThat(decision.denials()).extracting(RuleOutcome::policyId).containsExactly("broken");
    }

    @Test
    void nowIsTheContextsInstant() {
        Decision decision = engine.admit(ctx, List.of(
                deny("time", "now == timestamp('2026-01-15T10:00:00Z') && now.getDayOfWeek() == 4")));

        assertThat(decision.allowed()).isTrue();
    }

    private static Policy deny(String id, String expression) {
        return Policy.builder(id).expression(expression).build();
    }

    private static Policy warn(String id, String expression) {
        return Policy.builder(id).expression(expression).effect(PolicyEffect.WARN).build();
    }
}
