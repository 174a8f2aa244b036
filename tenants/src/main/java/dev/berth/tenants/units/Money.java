package dev.berth.tenants.units;

import java.math.BigDecimal;

/**
 * Money on the API (a decimal in the hosts' price currency, e.g. 100.50) ↔ micro-units
 * internally (an exact integer, 1 = 0.000001), the unit placement prices are kept in.
 */
public final class Money {

    private Money() {
    }

    /** Refuses negative values and more than six decimals instead of silently rounding them. */
    public static long toMicros(BigDecimal amount, String field) {
        if (amount.signum() < 0) {
            throw new UnitRefused(field, "must not be negative");
        }
        BigDecimal micros = amount.movePointRight(6);
        if (micros.stripTrailingZeros().scale() > 0) {
            throw new UnitRefused(field, "must be a multiple of 0.000001");
        }
        try {
            return micros.longValueExact();
        } catch (ArithmeticException e) {
            throw new UnitRefused(field, "is too large");
        }
    }

    /** Shortest plain form: 100000000 → 100, 1500000 → 1.5. */
    public static BigDecimal fromMicros(long micros) {
        return Decimals.plain(BigDecimal.valueOf(micros, 6));
    }
}
