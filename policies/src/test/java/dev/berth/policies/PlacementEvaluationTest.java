package dev.berth.policies;

import static dev.berth.policies.Contexts.host;
import static dev.berth.policies.Contexts.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.policies.context.EvaluationContext;
import dev.berth.policies.context.HostContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Placement: per-host verdicts, shared between hosts that look alike to each rule. */
class PlacementEvaluationTest {

    private static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-south-1", "sa-east-1");
    private static final List<String> TIERS = List.of("standard", "gpu");

    /** 1,200 hosts: 6 regions x 3 zones x 2 tiers x 2 provider classes = 72 attribute sets, each id and name unique. */
    private static final List<HostContext> FLEET = fleet(1_200);

    private final EvaluationContext euTenant = request().tenantLabels(Map.of("residency", "eu", "budget", "100")).context();

    static Stream<Arguments> sharing() {
        return Stream.of(
                Arguments.of("reads region only", "host.region.startsWith('eu-')", 6),
                Arguments.of("reads region and zone", "host.zone.startsWith(host.region)", 18),
                Arguments.of("reads region and labels", "host.region != '' && host.labels['tier'] != 'gpu'", 12),
                Arguments.of("reads provider class and labels",
                        "host.providerClass == 'private' || host.labels['tier'] == 'gpu'", 4),
                Arguments.of("reads provider class, zone and labels (a zone implies its region)",
                        "host.providerClass == 'private' || host.labels['tier'] == 'gpu' || host.zone != ''", 72),
                Arguments.of("reads every attribute but identity",
                        "host.driver != '' && host.region != '' && host.zone != '' && host.providerClass != '' && host.labels.size() >= 0", 72),
                Arguments.of("reads no host field", "tenant.labels.size() > 0", 1),
                Arguments.of("reads the host id", "host.id != ''", 1_200),
                Arguments.of("uses the host as a whole", "[host].exists(h, h.region != '')", 1_200));
    }

    @ParameterizedTest(name = "{0}: {2} evaluations")
    @MethodSource("sharing")
    void evaluatesEachRuleOncePerDistinctSetOfFieldsItReads(String description, String expression, int expected) {
        PolicyEngine engine = new PolicyEngine();
        PlacementEvaluation placement = engine.placement(euTenant, List.of(placementRule("r", expression)));

        FLEET.forEach(placement::eligible);

        assertThat(placement.evaluations()).as(description).isEqualTo(expected);
        assertThat(engine.evaluations()).isEqualTo(expected);
    }

    @Test
    void evaluationsAddUpPerRule() {
        PlacementEvaluation placement = new PolicyEngine().placement(euTenant, List.of(
                placementRule("region", "host.region.startsWith('eu-')"),
                placementRule("tier", "host.labels['tier'] != 'gpu'"),
                placementRule("class", "host.providerClass == 'private' || 'budget' in tenant.labels")));

        FLEET.forEach(placement::eligible);
        FLEET.forEach(placement::eligible); // a second pass is all cache hits

        assertThat(placement.evaluations()).isEqualTo(6 + 2 + 2);
    }

    @Test
    void sharedResultsEqualUnsharedOnes() {
        List<Policy> rules = List.of(
                placementRule("region", "host.region.startsWith('eu-')"),
                placementRule("tier", "host.labels['tier'] != 'gpu' || host.zone.endsWith('a')"));
        PlacementEvaluation shared = new PolicyEngine().placement(euTenant, rules);
        PlacementEvaluation unshared = new PolicyEngine(PolicyEngineConfig.defaults().withShareHostResults(false))
                .placement(euTenant, rules);

        for (HostContext host : FLEET) {
            assertThat(shared.eligible(host)).isEqualTo(unshared.eligible(host));
        }
        assertThat(unshared.evaluations()).isEqualTo(2L * FLEET.size());
        assertThat(shared.evaluations()).isEqualTo(6 + 18 * 2); // regions; zones x tiers
    }

    @Test
    void messagesReadingHostFieldsWidenTheKeySoEveryHostGetsItsOwnMessage() {
        Policy rule = placementRule("region", "host.region.startsWith('eu-')").toBuilder()
                .message("{{ host.name }} is in {{ host.region }}").build();
        PlacementEvaluation placement = new PolicyEngine().placement(euTenant, List.of(rule));

        HostContext us = FLEET.stream().filter(h -> h.region().equals("us-east-1")).findFirst().orElseThrow();
        Decision decision = placement.eligible(us);
        FLEET.forEach(placement::eligible);

        assertThat(decision.denials()).extracting(RuleOutcome::message).containsExactly(us.name() + " is in us-east-1");
        assertThat(placement.evaluations()).isEqualTo(FLEET.size());
    }

    @Test
    void euResidencyNeverAllowsANonEuHostEvenWhenItIsTheOnlyOne() {
        PlacementEvaluation placement = new PolicyEngine().placement(euTenant, PolicySetReader.starterPolicies());

        Decision onlyHost = placement.eligible(host("us-east-1"));

        assertThat(onlyHost.allowed()).isFalse();
        assertThat(onlyHost.denials()).extracting(RuleOutcome::policyId).containsExactly("eu-residency");
        assertThat(placement.ruleCount()).isEqualTo(2); // the placement-stage starters
    }

    @Test
    void tenantScopedPlacementPolicyAppliesOnlyToItsTenant() {
        Policy acmeOnly = placementRule("acme-eu", "host.region.startsWith('eu-')").toBuilder()
                .scope(PolicyScope.tenant("acme")).build();
        PolicyEngine engine = new PolicyEngine();

        assertThat(engine.placement(request().tenant("acme").context(), List.of(acmeOnly))
                .eligible(host("us-east-1")).allowed()).isFalse();
        assertThat(engine.placement(request().tenant("globex").context(), List.of(acmeOnly))
                .eligible(host("us-east-1")).allowed()).isTrue();
    }

    @Test
    void concurrentCallersShareEvaluationsToo() {
        PlacementEvaluation placement = new PolicyEngine().placement(euTenant,
                List.of(placementRule("zone", "host.zone.startsWith('eu-')")));

        IntStream.range(0, 4).parallel().forEach(i -> FLEET.forEach(placement::eligible));

        assertThat(placement.evaluations()).isEqualTo(18);
    }

    private static Policy placementRule(String id, String expression) {
        return Policy.builder(id).stage(PolicyStage.PLACEMENT).expression(expression).build();
    }

    private static List<HostContext> fleet(int size) {
        List<HostContext> hosts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String region = REGIONS.get(i % REGIONS.size());
            String zone = region + "abc".charAt((i / REGIONS.size()) % 3);
            String tier = TIERS.get((i / 18) % 2);
            String providerClass = (i / 36) % 2 == 0 ? "private" : "public";
            hosts.add(host("h" + i, providerClass, region, zone, Map.of("tier", tier)));
        }
        return hosts;
    }
}
