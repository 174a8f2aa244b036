package dev.berth.broker.quota;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.HostSnapshot.Price;
import dev.berth.provider.spi.Resources;

import static org.assertj.core.api.Assertions.assertThat;

/** (vCPU × vCPU-hour price + GiB × GiB-hour price) × 730 h, in micro-units, rounded up. */
class MonthlyCostTest {

    @ParameterizedTest(name = "{0}m, {1} MiB at {2}/{3} per hour -> {4}")
    @CsvSource({
            // 0.5 vCPU × 0.10 + 0.5 GiB × 0.02 = 0.06 an hour; × 730 = 43.80
            "500,   512,  100000, 20000, 43800000",
            // 1 vCPU × 0.04 + 0.5 GiB × 0.005 = 0.0425; × 730 = 31.025
            "1000,  512,   40000,  5000, 31025000",
            // free hosts charge nothing
            "4000, 8192,       0,     0, 0",
            // disk is unpriced; no CPU and no memory is free
            "0,       0,  100000, 20000, 0",
            // 1m × 1 micro-unit × 730 / 1000 = 0.73 micro-units: rounded up, never undercharged
            "1,       0,       1,     0, 1",
            // 1 MiB × 1 micro-unit × 730 / 1024 = 0.71…: rounded up
            "0,       1,       0,     1, 1",
            // the largest request at the highest price the API accepts (1000 an hour) does not overflow
            "64000, 1048576, 1000000000, 1000000000, 794240000000000",
    })
    void estimatesTheMonthlyCostExactly(long milliCpu, long memoryMiB, long cpuPrice, long memoryPrice, long micros) {
        assertThat(MonthlyCost.estimate(new Resources(milliCpu, memoryMiB, 100), new Price(cpuPrice, memoryPrice)))
                .isEqualTo(micros);
    }
}
