package dev.berth.tenants.units;

import java.math.BigDecimal;

/** vCPU on the API (a decimal, e.g. 0.5) ↔ milli-CPU internally (an exact integer). */
public final class Cpu {

    private Cpu() {
    }

    /** Refuses values with more than three decimals instead of silently rounding them. */
    public static long toMilli(BigDecimal vcpu, String field) {
        BigDecimal milli = vcpu.movePointRight(3);
        if (milli.stripTrailingZeros().scale() > 0) {
            throw new UnitRefused(field, "must be a multiple of 0.001");
        }
        return milli.longValueExact();
    }

    /** Shortest plain form: 1500 → 1.5, 10000 → 10 (never 1E+1, which JSON clients would choke on). */
    public static BigDecimal toVcpu(long milliCpu) {
        return Decimals.plain(BigDecimal.valueOf(milliCpu, 3));
    }
}
