package dev.berth.broker.cloud;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.broker.hosts.Host;
import dev.berth.provider.aws.PriceCatalogue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The derivation of a target's per-vCPU-hour and per-GiB-hour prices from its region's catalogue. */
class TargetPricingTest {

    private static final PriceCatalogue.FargatePrices FARGATE =
            new PriceCatalogue.FargatePrices(new BigDecimal("0.04"), new BigDecimal("0.005"));

    private static PriceCatalogue.InstanceType type(String name, int vcpu, long memoryMiB, String usd) {
        return new PriceCatalogue.InstanceType(name, vcpu, memoryMiB, new BigDecimal(usd), "x86_64");
    }

    @Test
    void containersOnlyTargetIsPricedAtFargatePrices() {
        var prices = new PriceCatalogue.RegionPrices("r", List.of(type("t3.micro", 2, 1024, "0.01")), Optional.of(FARGATE), Map.of());
        assertThat(TargetPricing.of(prices, false)).isEqualTo(new Host.Pricing(new BigDecimal("0.040000"), new BigDecimal("0.005000")));
    }

    @Test
    void vmTargetScalesFargatesRatioToTheMedianInstanceType() {
        // units (0.04 per vCPU + 0.005 per GiB): a = 0.09 → k 0.5; b = 0.18 → k 1; c = 0.36 → k 2: median 1
        var prices = new PriceCatalogue.RegionPrices("r", List.of(type("a.large", 2, 2048, "0.045"),
                type("b.large", 4, 4096, "0.18"), type("c.large", 8, 8192, "0.72")), Optional.of(FARGATE), Map.of());
        assertThat(TargetPricing.of(prices, true)).isEqualTo(new Host.Pricing(new BigDecimal("0.040000"), new BigDecimal("0.005000")));
    }

    @Test
    void evenCountTakesTheMeanOfTheMiddlePairAndArmTypesAreIgnored() {
        var prices = new PriceCatalogue.RegionPrices("r", List.of(type("a.large", 2, 2048, "0.045"),
                type("b.large", 4, 4096, "0.18"),
                new PriceCatalogue.InstanceType("g.large", 2, 2048, new BigDecimal("9"), "arm64")), Optional.of(FARGATE), Map.of());
        // k 0.5 and 1 → 0.75
        assertThat(TargetPricing.of(prices, true)).isEqualTo(new Host.Pricing(new BigDecimal("0.030000"), new BigDecimal("0.003750")));
    }

    @Test
    void shippedCatalogueGivesTheDocumentedPrices() {
        var usEast = PriceCatalogue.defaults().region("us-east-1").orElseThrow();
        assertThat(TargetPricing.of(usEast, true)).isEqualTo(new Host.Pricing(new BigDecimal("0.033351"), new BigDecimal("0.003662")));
    }
}
