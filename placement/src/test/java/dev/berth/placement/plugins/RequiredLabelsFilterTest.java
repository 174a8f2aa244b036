package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.HostSnapshot.ProviderClass;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class RequiredLabelsFilterTest {

    private final RequiredLabelsFilter filter = new RequiredLabelsFilter();

    /** The host is in eu-west / eu-west-a, private, labelled tier=gold;disk=ssd. Columns: wanted region, zone, class, labels. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = {"any", "pass"}, value = {
            "nothing asked             | any     | any       | any     |                    | pass",
            "same region               | eu-west | any       | any     |                    | pass",
            "other region              | us-east | any       | any     |                    | region_mismatch",
            "same zone                 | any     | eu-west-a | any     |                    | pass",
            "other zone                | any     | eu-west-b | any     |                    | zone_mismatch",
            "region checked before zone| us-east | eu-west-b | any     |                    | region_mismatch",
            "same class                | any     | any       | PRIVATE |                    | pass",
            "other class               | any     | any       | PUBLIC  |                    | provider_class_mismatch",
            "one label matches         | any     | any       | any     | tier=gold          | pass",
            "all labels match          | any     | any       | any     | tier=gold;disk=ssd | pass",
            "label value differs       | any     | any       | any     | tier=silver        | label_mismatch",
            "label missing             | any     | any       | any     | gpu=true           | label_mismatch",
            // values compare exactly: no case folding, no prefix
            "label differs in case     | any     | any       | any     | tier=Gold          | label_mismatch",
            "one of two labels differs | any     | any       | any     | tier=gold;disk=hdd | label_mismatch",
            "everything matches        | eu-west | eu-west-a | PRIVATE | tier=gold          | pass",
    })
    void keepsHostsMatchingTheRequest(String name, String region, String zone, ProviderClass providerClass,
            String labels, String reason) {
        HostSnapshot host = Fleet.in(Fleet.labelled(Fleet.host("h1"), Fleet.labels("tier=gold;disk=ssd")),
                "eu-west", "eu-west-a", ProviderClass.PRIVATE);
        PlacementHints hints = PlacementHints.NONE.withRegion(region).withZone(zone).withProviderClass(providerClass)
                .withRequiredLabels(Fleet.labels(labels));

        FilterResult result = filter.filter(Fleet.request(SMALL).withHints(hints), host, FleetStats.EMPTY);

        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.passed()).isEqualTo(reason == null);
    }

    @ParameterizedTest(name = "host without location, asked region={0} zone={1} -> {2}")
    @CsvSource(nullValues = {"any", "pass"}, value = {
            "any,     any, pass",
            "eu-west, any, region_mismatch",
            "any,     a,   zone_mismatch",
    })
    void hostWithoutLocationMatchesOnlyUnconstrainedRequests(String region, String zone, String reason) {
        PlacementHints hints = PlacementHints.NONE.withRegion(region).withZone(zone);

        FilterResult result = filter.filter(Fleet.request(SMALL).withHints(hints), Fleet.host("h1"), FleetStats.EMPTY);

        assertThat(result.reason()).isEqualTo(reason);
    }
}
