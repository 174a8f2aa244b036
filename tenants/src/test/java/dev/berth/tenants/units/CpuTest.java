package dev.berth.tenants.units;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuTest {

    @ParameterizedTest(name = "{0} vCPU -> {1}m")
    @CsvSource({
            "0.5,    500",
            "1,      1000",
            "1.0,    1000",
            "1.500,  1500",
            "0.001,  1",
            "0,      0",
            "64,     64000",
    })
    void vcpuBecomesExactMilliCpu(BigDecimal vcpu, long milli) {
        assertThat(Cpu.toMilli(vcpu, "resources.vcpu")).isEqualTo(milli);
    }

    @ParameterizedTest
    @CsvSource({"0.0005", "1.0001", "0.0015"})
    void refusesSubMillicoreInsteadOfRounding(BigDecimal vcpu) {
        assertThatThrownBy(() -> Cpu.toMilli(vcpu, "resources.vcpu")).isInstanceOf(UnitRefused.class)
                .hasFieldOrPropertyWithValue("field", "resources.vcpu")
                .hasFieldOrPropertyWithValue("reason", "must be a multiple of 0.001");
    }

    @ParameterizedTest(name = "{0}m -> {1} vCPU")
    @CsvSource({"1500, 1.5", "1000, 1", "500, 0.5", "1, 0.001", "0, 0"})
    void milliCpuBecomesVcpu(long milli, BigDecimal vcpu) {
        assertThat(Cpu.toVcpu(milli)).isEqualByComparingTo(vcpu);
    }

    @Test
    void wholeTensOfVcpuKeepAPlainForm() {
        assertThat(Cpu.toVcpu(10000).toString()).isEqualTo("10");
    }
}
