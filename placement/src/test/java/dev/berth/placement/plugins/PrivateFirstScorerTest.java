package dev.berth.placement.plugins;

import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.provider.spi.Resources;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class PrivateFirstScorerTest {

    /** One private host of 1000m / 1000 MiB with the given use, one public host; threshold 0.8. */
    @ParameterizedTest(name = "private used {0}m/{1}MiB -> private {2}, public {3}")
    @CsvSource({
            "   0,    0, 100,   0",
            " 790,  790, 100,   0",
            // utilisation = mean(cpu, memory): 0.85 and 0.74 average to 0.795, still below
            " 850,  740, 100,   0",
            // exactly at the threshold bursting starts
            " 800,  800, 100, 100",
            " 900,  800, 100, 100",
            "1000, 1000, 100, 100",
    })
    void prefersPrivateUntilTheFleetPassesTheThreshold(long cpu, long memory, int privateScore, int publicScore) {
        HostSnapshot owned = Fleet.in(Fleet.host("owned", new Resources(1000, 1000, 10), new Resources(cpu, memory, 0)),
                "eu-west", "a", ProviderClass.PRIVATE);
        HostSnapshot cloud = Fleet.in(Fleet.host("cloud", new Resources(1000, 1000, 10), Resources.ZERO),
                "eu-west", "a", ProviderClass.PUBLIC);
        FleetStats stats = FleetStats.of(List.of(owned, cloud));
        PrivateFirstScorer scorer = new PrivateFirstScorer(0.8);

        assertThat(scorer.score(Fleet.request(SMALL), owned, stats)).isEqualTo(privateScore);
        assertThat(scorer.score(Fleet.request(SMALL), cloud, stats)).isEqualTo(publicScore);
    }

    @ParameterizedTest(name = "threshold {0}: public scores {1} on an idle fleet")
    @CsvSource({"0.0, 100", "0.5, 0", "1.0, 0"})
    void thresholdZeroMeansAlwaysBurst(double threshold, int publicScore) {
        HostSnapshot owned = Fleet.in(Fleet.host("owned"), "", "", ProviderClass.PRIVATE);
        HostSnapshot cloud = Fleet.in(Fleet.host("cloud"), "", "", ProviderClass.PUBLIC);

        int score = new PrivateFirstScorer(threshold).score(Fleet.request(SMALL), cloud, FleetStats.of(List.of(owned, cloud)));

        assertThat(score).isEqualTo(publicScore);
    }
}
