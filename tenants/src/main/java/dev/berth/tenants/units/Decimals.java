package dev.berth.tenants.units;

import java.math.BigDecimal;

/** Decimal presentation for the API. */
public final class Decimals {

    private Decimals() {
    }

    /** Shortest plain form: 1.500 → 1.5, 10.000 → 10 (never 1E+1, which JSON clients would choke on). */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
