package dev.berth.tenants.units;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @ParameterizedTest(name = "{0} -> {1} micro-units")
    @CsvSource({
            "100,        100000000",
            "100.00,     100000000",
            "0.000001,   1",
            "43.8,       43800000",
            "0,          0",
            "1000000000, 1000000000000000",
    })
    void amountsBecomeExactMicroUnits(BigDecimal amount, long micros) {
        assertThat(Money.toMicros(amount, "monthlyBudget")).isEqualTo(micros);
        assertThat(Money.fromMicros(micros)).isEqualByComparingTo(amount);
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"-1", "-0.000001", "0.0000001", "1.0000005", "1E+20"})
    void refusesNegativesSubMicroAmountsAndOverflowInsteadOfRounding(BigDecimal amount) {
        assertThatThrownBy(() -> Money.toMicros(amount, "monthlyBudget")).isInstanceOf(UnitRefused.class)
                .hasFieldOrPropertyWithValue("field", "monthlyBudget");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"100000000, 100", "1500000, 1.5", "1, 0.000001"})
    void microUnitsPrintInTheShortestPlainForm(long micros, String printed) {
        assertThat(Money.fromMicros(micros).toPlainString()).isEqualTo(printed);
    }
}
