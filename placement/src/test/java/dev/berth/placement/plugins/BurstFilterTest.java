package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.FilterKernel;
import dev.berth.placement.engine.FleetIndex;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.RejectionTally;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The burst rule host by host and as a kernel, on a fleet of one private host of
 * 1000m / 1000 MiB (used as given) and one public host; threshold 0.8. Utilisation is the
 * mean of CPU and memory allocation over private hosts.
 */
class BurstFilterTest {

    @ParameterizedTest(name = "used {0}m/{1}MiB, tenant burst={2}, pinned={3}, stage 2={4} -> public {5}")
    @CsvSource({
            // below the threshold: private first, for everyone
            "   0,    0, allowed, ,       false, private_first",
            " 790,  790, allowed, ,       false, private_first",
            // 0.85 and 0.74 average to 0.795: still below
            " 850,  740, allowed, ,       false, private_first",
            // exactly at the threshold an allowed tenant may burst
            " 800,  800, allowed, ,       false, PASS",
            " 900,  800, allowed, ,       false, PASS",
            "1000, 1000, allowed, ,       false, PASS",
            // the second stage (nothing private fitted) lets an allowed tenant burst below the threshold
            "   0,    0, allowed, ,       true,  PASS",
            // a tenant not allowed never bursts, whatever the fleet or stage
            "   0,    0, ,        ,       false, burst_not_allowed",
            "1000, 1000, ,        ,       false, burst_not_allowed",
            " 800,  800, denied,  ,       false, burst_not_allowed",
            "   0,    0, ,        ,       true,  burst_not_allowed",
            // pinning providerClass=public is the tenant's choice, not a burst (TenantEligibility rules on it)
            "   0,    0, ,        PUBLIC, false, PASS",
            "   0,    0, allowed, PUBLIC, false, PASS",
            // pinning private changes nothing here (RequiredLabels drops the public host)
            "1000, 1000, ,        PRIVATE, false, burst_not_allowed",
    })
    void publicHostsOnlyForAllowedTenantsPastTheThresholdOrInTheSecondStage(long cpu, long memory, String burst,
            ProviderClass pinned, boolean secondStage, String expected) {
        HostSnapshot owned = Fleet.in(Fleet.host("owned", new Resources(1000, 1000, 10), new Resources(cpu, memory, 0)),
                "eu-west", "a", ProviderClass.PRIVATE);
        HostSnapshot cloud = Fleet.in(Fleet.host("cloud", new Resources(1000, 1000, 10), Resources.ZERO),
                "eu-west", "a", ProviderClass.PUBLIC);
        FleetIndex index = FleetIndex.of(List.of(owned, cloud));
        PlacementRequest request = request(burst, pinned, secondStage);
        BurstFilter filter = new BurstFilter(0.8);

        FilterResult onCloud = filter.filter(request, cloud, index.stats());
        assertThat(onCloud.passed() ? "PASS" : onCloud.reason()).isEqualTo(expected);
        assertThat(filter.filter(request, owned, index.stats()).passed()).as("private hosts always pass").isTrue();

        FilterKernel kernel = filter.prepare(request, index.columns(), index.stats());
        int cloudAt = index.columns().position(cloud.id());
        int ownedAt = index.columns().position(owned.id());
        assertThat(kernel.reject(cloudAt)).isEqualTo(onCloud.passed() ? null : onCloud.reason());
        assertThat(kernel.reject(ownedAt)).isNull();
        HostSet survivors = HostSet.all(2);
        RejectionTally tally = new RejectionTally();
        kernel.narrow(survivors, tally);
        assertThat(survivors.contains(cloudAt)).isEqualTo(onCloud.passed());
        assertThat(survivors.contains(ownedAt)).isTrue();
        assertThat(tally.total()).isEqualTo(onCloud.passed() ? 0 : 1);
    }

    @ParameterizedTest(name = "threshold {0}, idle private fleet -> public {1}")
    @CsvSource({"0.0, PASS", "0.5, private_first", "1.0, private_first"})
    void thresholdZeroMeansAllowedTenantsMayAlwaysBurst(double threshold, String expected) {
        HostSnapshot owned = Fleet.in(Fleet.host("owned"), "", "", ProviderClass.PRIVATE);
        HostSnapshot cloud = Fleet.in(Fleet.host("cloud"), "", "", ProviderClass.PUBLIC);

        FilterResult result = new BurstFilter(threshold).filter(request("allowed", null, false), cloud,
                FleetStats.of(List.of(owned, cloud)));

        assertThat(result.passed() ? "PASS" : result.reason()).isEqualTo(expected);
    }

    private static PlacementRequest request(String burst, ProviderClass pinned, boolean secondStage) {
        PlacementHints hints = pinned == null ? PlacementHints.NONE : PlacementHints.NONE.withProviderClass(pinned);
        Map<String, String> labels = burst == null ? Map.of() : Map.of(BurstFilter.TENANT_BURST_LABEL, burst);
        PlacementRequest request = new PlacementRequest(UUID.randomUUID(), "acme", WorkloadKind.CONTAINER, Fleet.SMALL,
                Set.of(), hints, labels);
        return secondStage ? request.asBursting() : request;
    }
}
