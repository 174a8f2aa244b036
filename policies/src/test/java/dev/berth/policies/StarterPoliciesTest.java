package dev.berth.policies;

import static dev.berth.policies.Contexts.host;
import static dev.berth.policies.Contexts.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.policies.context.EvaluationContext;
import dev.berth.policies.context.HostContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each starter policy, alone, allows and denies the right requests (and hosts). */
class StarterPoliciesTest {

    private static final PolicyEngine ENGINE = new PolicyEngine();
    private static final List<Policy> STARTER = PolicySetReader.starterPolicies();
    private static final Map<String, String> EU = Map.of("residency", "eu");

    @Test
    void theStarterSetHasTheFiveExamplesAndTheyAllCompile() {
        assertThat(STARTER).extracting(Policy::id).containsExactly(
                "eu-residency", "approved-registries", "large-vm-tier", "untrusted-isolation", "public-cloud-budget");
        assertThat(STARTER).allSatisfy(p -> assertThat(ENGINE.compiler().check(p)).isEmpty());
    }

    static Stream<Arguments> admissionCases() {
        return Stream.of(
                Arguments.of("approved-registries", "demo image", request().image("berth-demo/busybox:1"), true),
                Arguments.of("approved-registries", "internal registry", request().image("registry.berth.local/team/app:2"), true),
                Arguments.of("approved-registries", "docker library", request().image("docker.io/library/nginx:1.27"), true),
                Arguments.of("approved-registries", "unknown registry", request().image("evil.example/miner:latest"), false),
                Arguments.of("approved-registries", "prefix inside the name", request().image("evil/berth-demo/x"), false),
                Arguments.of("approved-registries", "empty image", request().image(""), false),
                Arguments.of("approved-registries", "VM base volume is not a registry image", request().kind("vm").image("debian-12-base"), true),
                Arguments.of("large-vm-tier", "16 vCPU VM", request().kind("vm").vcpu(16), true),
                Arguments.of("large-vm-tier", "17 vCPU VM, no tier", request().kind("vm").vcpu(17), false),
                Arguments.of("large-vm-tier", "17 vCPU VM, gold tier", request().kind("vm").vcpu(17).tenantLabels(Map.of("tier", "gold")), false),
                Arguments.of("large-vm-tier", "64 vCPU VM, large tier", request().kind("vm").vcpu(64).tenantLabels(Map.of("tier", "large")), true),
                Arguments.of("large-vm-tier", "32 vCPU container", request().kind("container").vcpu(32), true),
                Arguments.of("large-vm-tier", "fractional 16.5 vCPU VM", request().kind("vm").vcpu(16.5), false),
                Arguments.of("untrusted-isolation", "trusted container", request(), true),
                Arguments.of("untrusted-isolation", "untrusted container", request().untrusted(), false),
                Arguments.of("untrusted-isolation", "untrusted, standard isolation", request().untrusted().isolation("standard"), false),
                Arguments.of("untrusted-isolation", "untrusted, strong isolation", request().untrusted().isolation("strong"), true),
                Arguments.of("untrusted-isolation", "untrusted VM", request().untrusted().kind("vm"), true));
    }

    @ParameterizedTest(name = "{0}: {1} -> allowed={3}")
    @MethodSource("admissionCases")
    void admissionPolicy(String policyId, String description, Contexts.Request request, boolean allowed) {
        Decision decision = ENGINE.admit(request.context(), List.of(starter(policyId)));

        assertThat(decision.outcomes()).hasSize(1);
        assertThat(decision.allowed()).as(description).isEqualTo(allowed);
        assertThat(decision.outcomes().get(0).status())
                .isEqualTo(allowed ? RuleOutcome.Status.ALLOWED : RuleOutcome.Status.VIOLATED);
    }

    static Stream<Arguments> placementCases() {
        HostContext euPrivate = host("p1", "private", "eu-west-1", "eu-west-1a", Map.of());
        HostContext usPrivate = host("p2", "private", "us-east-1", "us-east-1a", Map.of());
        HostContext euPublic = host("c1", "public", "eu-central-1", "eu-central-1b", Map.of());
        HostContext usPublic = host("c2", "public", "us-west-2", "us-west-2a", Map.of());
        HostContext europeLookalike = host("p3", "private", "europe-west4", "europe-west4a", Map.of());
        return Stream.of(
                Arguments.of("eu-residency", "EU tenant, EU host", request().tenantLabels(EU), euPrivate, true),
                Arguments.of("eu-residency", "EU tenant, US host", request().tenantLabels(EU), usPrivate, false),
                Arguments.of("eu-residency", "EU tenant, 'europe-' is not 'eu-'", request().tenantLabels(EU), europeLookalike, false),
                Arguments.of("eu-residency", "EU tenant, EU public host", request().tenantLabels(EU), euPublic, true),
                Arguments.of("eu-residency", "tenant without residency, US host", request(), usPrivate, true),
                Arguments.of("eu-residency", "US-resident tenant, US host", request().tenantLabels(Map.of("residency", "us")), usPrivate, true),
                Arguments.of("public-cloud-budget", "no budget, private host", request(), usPrivate, true),
                Arguments.of("public-cloud-budget", "no budget, public host", request(), usPublic, false),
                Arguments.of("public-cloud-budget", "budget, public host", request().tenantLabels(Map.of("budget", "500")), usPublic, true),
                Arguments.of("public-cloud-budget", "budget, private host", request().tenantLabels(Map.of("budget", "500")), euPrivate, true));
    }

    @ParameterizedTest(name = "{0}: {1} -> eligible={4}")
    @MethodSource("placementCases")
    void placementPolicy(String policyId, String description, Contexts.Request request, HostContext host, boolean eligible) {
        Decision decision = ENGINE.placement(request.context(), List.of(starter(policyId))).eligible(host);

        assertThat(decision.outcomes()).hasSize(1);
        assertThat(decision.allowed()).as(description).isEqualTo(eligible);
    }

    @Test
    void theWholeStarterSetReportsEveryViolatedRuleWithItsRenderedMessage() {
        EvaluationContext ctx = request().name("miner").kind("container").vcpu(32).image("evil.example/miner:1")
                .untrusted().context();

        Decision decision = ENGINE.admit(ctx, STARTER);

        assertThat(decision.outcomes()).hasSize(3); // the admission-stage three of the five
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.denials()).extracting(RuleOutcome::policyId)
                .containsExactly("approved-registries", "untrusted-isolation");
        assertThat(decision.denials()).extracting(RuleOutcome::message).containsExactly(
                "image 'evil.example/miner:1' is not from an approved registry (berth-demo/, registry.berth.local/, docker.io/library/)",
                "'miner' is untrusted: run it as a VM or with placement.isolation=strong");
    }

    @Test
    void euResidencyNamesTheTenantAndRegionInItsMessage() {
        Decision decision = ENGINE.placement(request().tenant("globex").tenantLabels(EU).context(), STARTER)
                .eligible(host("us-east-1"));

        assertThat(decision.denials()).extracting(RuleOutcome::policyName, RuleOutcome::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("EU tenants' workloads stay in EU regions",
                        "tenant globex keeps its data in the EU; region 'us-east-1' is outside the EU"));
    }

    private static Policy starter(String id) {
        return STARTER.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
