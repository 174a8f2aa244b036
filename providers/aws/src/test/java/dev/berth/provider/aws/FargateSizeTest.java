package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.spi.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fargate's fixed CPU/memory pairs: the smallest one that holds the workload. */
class FargateSizeTest {

    @ParameterizedTest(name = "{0} mCPU / {1} MiB → {2} units / {3} MiB")
    @CsvSource({
            "0,          0,   256,    512",
            "250,      512,   256,    512",
            "250,      600,   256,   1024",
            "250,     1100,   256,   2048",   // 256 units has no 1.5 GiB size
            "250,     3000,   512,   3072",
            "500,       64,   512,   1024",
            "1000,       1,  1024,   2048",
            "2000,    5000,  2048,   5120",
            "4000,   30720,  4096,  30720",
            "4000,   30721,  8192,  32768",
            "16000, 122880, 16384, 122880",
    })
    void smallestFargateSizeHoldsTheWorkload(long milliCpu, long memoryMiB, int cpuUnits, long taskMemoryMiB) {
        assertThat(FargateSize.fit(new Resources(milliCpu, memoryMiB, 0)))
                .contains(new FargateSize(cpuUnits, taskMemoryMiB));
    }

    @Test
    void beyondSixteenVcpuOr120GibNothingFits() {
        assertThat(FargateSize.fit(new Resources(16001, 1024, 0))).isEmpty();
        assertThat(FargateSize.fit(new Resources(1000, 122881, 0))).isEmpty();
    }

    @Test
    void cpuUnitsRoundTripToTheSameMilliCpu() {
        for (long milliCpu = 1; milliCpu <= 16000; milliCpu++) {
            assertThat(FargateSize.milliCpu(FargateSize.cpuUnits(milliCpu))).as("%d mCPU", milliCpu).isEqualTo(milliCpu);
        }
        assertThat(FargateSize.cpuUnits(1000)).isEqualTo(1024);
    }
}
