package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped catalogue and the cheapest-type rule the driver launches VMs by. */
class PriceCatalogueTest {

    private static final PriceCatalogue CATALOGUE = PriceCatalogue.defaults();

    @ParameterizedTest(name = "{0}: {1} mCPU / {2} MiB → {3}")
    @CsvSource({
            "us-east-1,   500,    256, t3.nano",
            "us-east-1,  2000,    512, t3.nano",
            "us-east-1,  2000,   1024, t3.micro",
            "us-east-1,  2000,   1025, t3.small",
            "us-east-1,  2000,   8192, t3.large",     // 0.0832 beats m6i.large at 0.096
            "us-east-1,  2001,    512, t3.xlarge",    // a third vCPU means 4: t3 beats c6i and m6i
            "us-east-1,  4000,   8192, t3.xlarge",    // 0.1664 beats c6i.xlarge at 0.17
            "us-east-1,  8000,  16384, t3.2xlarge",
            "us-east-1, 16000,  32768, c6i.4xlarge",
            "us-east-1, 16000,  65536, m6i.4xlarge",
            "us-east-1, 32000, 131072, m6i.8xlarge",
            "eu-west-1,  2000,   1024, t3.micro",
            "eu-west-1,  8000,  32768, t3.2xlarge",
    })
    void cheapestFittingTypeIsChosen(String region, long milliCpu, long memoryMiB, String expected) {
        var types = CATALOGUE.region(region).orElseThrow().fitting(new Resources(milliCpu, memoryMiB, 0), "x86_64");

        assertThat(types).isNotEmpty();
        assertThat(types.get(0).name()).isEqualTo(expected);
        assertThat(types).allSatisfy(type -> {
            assertThat(type.vcpu() * 1000L).isGreaterThanOrEqualTo(milliCpu);
            assertThat(type.memoryMiB()).isGreaterThanOrEqualTo(memoryMiB);
        });
        assertThat(types).extracting(PriceCatalogue.InstanceType::hourlyUsd).isSorted();
    }

    @Test
    void fallbackOrderIsByPriceThenSize() {
        var types = CATALOGUE.region("us-east-1").orElseThrow().fitting(new Resources(2000, 1024, 0), "x86_64");

        assertThat(types).extracting(PriceCatalogue.InstanceType::name)
                .startsWith("t3.micro", "t3.small", "t3.medium", "t3.large", "c6i.large", "m6i.large");
    }

    @Test
    void nothingFitsBeyondTheLargestTypeOrOnAnotherArchitecture() {
        var region = CATALOGUE.region("us-east-1").orElseThrow();

        assertThat(region.fitting(new Resources(33000, 1024, 0), "x86_64")).isEmpty();
        assertThat(region.fitting(new Resources(1000, 1024, 0), "arm64")).isEmpty();
        assertThat(region.hourlyUsd(WorkloadKind.VM, new Resources(33000, 1024, 0))).isEmpty();
    }

    @Test
    void hourlyCostOfAVmIsItsCheapestTypeAndOfAContainerItsFargateSize() {
        var region = CATALOGUE.region("us-east-1").orElseThrow();

        assertThat(region.hourlyUsd(WorkloadKind.VM, new Resources(2000, 1024, 8))).contains(new BigDecimal("0.0104"));
        // 500 mCPU / 64 MiB runs as a 0.5 vCPU / 1 GiB task: 0.5 × 0.04048 + 1 × 0.004445
        assertThat(region.hourlyUsd(WorkloadKind.CONTAINER, new Resources(500, 64, 0)))
                .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.024685"));
    }

    @Test
    void shippedCatalogueHasBothRegionsAndTheAmiFamilies() {
        assertThat(CATALOGUE.regions()).containsExactly("eu-west-1", "us-east-1");
        for (String region : CATALOGUE.regions()) {
            var prices = CATALOGUE.region(region).orElseThrow();
            assertThat(prices.instanceTypes()).extracting(PriceCatalogue.InstanceType::name)
                    .contains("t3.micro", "m6i.large", "c6i.large");
            assertThat(prices.fargate()).isPresent();
            assertThat(prices.amis()).containsKeys("amazon-linux-2023", "ubuntu-24.04", "debian-12");
        }
    }

    @Test
    void regionAmisWinOverSharedOnes() {
        PriceCatalogue catalogue = PriceCatalogue.parse("""
                {"regions": {"eu-west-1": {"instanceTypes": [{"name": "t3.micro", "vcpu": 2, "memoryMiB": 1024,
                                                             "hourlyUsd": 0.0114}],
                                           "amis": {"debian-12": "ami-0eeeeeeeeeeeeeee1"}}},
                 "amis": {"debian-12": "ssm:/aws/service/debian/release/12/latest/amd64",
                          "ubuntu-24.04": "ami-0fffffffffffffff2"}}
                """, "test");

        assertThat(catalogue.amis("eu-west-1")).containsEntry("debian-12", "ami-0eeeeeeeeeeeeeee1")
                .containsEntry("ubuntu-24.04", "ami-0fffffffffffffff2");
        assertThat(catalogue.region("eu-west-1").orElseThrow().fargate()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "{}",
            "{\"regions\": {\"us-east-1\": {\"instanceTypes\": []}}}",
            "{\"regions\": {\"us-east-1\": {\"instanceTypes\": [{\"name\": \"t3.micro\", \"vcpu\": 0, \"memoryMiB\": 1, \"hourlyUsd\": 1}]}}}",
            "{\"regions\": {\"us-east-1\": {\"instanceTypes\": [{\"name\": \"t3.micro\", \"vcpu\": 2, \"memoryMiB\": 1, \"hourlyUsd\": -1}]}}}",
            "{\"regions\": {\"us-east-1\": {\"instanceTypes\": [{\"name\": \"t3.micro\", \"vcpu\": 2, \"memoryMiB\": 1, \"hourlyUsd\": 1},"
                    + " {\"name\": \"t3.micro\", \"vcpu\": 2, \"memoryMiB\": 1, \"hourlyUsd\": 1}]}}}",
            "{\"currency\": \"EUR\", \"regions\": {}}",
            "{\"regions\": {}, \"amis\": {\"debian-12\": \"debian\"}}",
            "{\"regions\": {\"us-east-1\": {\"instanceTypes\": [{\"name\": \"t3.micro\", \"vcpu\": 2, \"memoryMiB\": 1, \"hourlyUsd\": 1}],"
                    + " \"fargate\": {\"vcpuHourUsd\": \"cheap\"}}}}",
    })
    void malformedCatalogueIsPermanentAndNamesItsSource(String json) {
        assertThatThrownBy(() -> PriceCatalogue.parse(json, "option priceCatalogue"))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("option priceCatalogue");
    }
}
