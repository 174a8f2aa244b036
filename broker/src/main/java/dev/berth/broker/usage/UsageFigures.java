package dev.berth.broker.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Resource-hours and cost. Sums are kept exact (as the database computed them) and rounded
 * only for display, so totals are not sums of rounded rows.
 */
public record UsageFigures(BigDecimal vcpuHours, BigDecimal memoryGiBHours, BigDecimal diskGiBHours,
                           BigDecimal instanceHours, BigDecimal cost) {

    /** Decimal places shown: a microsecond of one vCPU is ~3e-10 vCPU-hours, so 6 places lose no real usage. */
    public static final int SCALE = 6;

    public static final UsageFigures ZERO = new UsageFigures(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO);

    public UsageFigures plus(UsageFigures o) {
        return new UsageFigures(vcpuHours.add(o.vcpuHours), memoryGiBHours.add(o.memoryGiBHours),
                diskGiBHours.add(o.diskGiBHours), instanceHours.add(o.instanceHours), cost.add(o.cost));
    }

    public UsageFigures rounded() {
        return new UsageFigures(round(vcpuHours), round(memoryGiBHours), round(diskGiBHours), round(instanceHours), round(cost));
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
