package dev.berth.broker.quota;

import java.math.BigInteger;

import dev.berth.placement.HostSnapshot;
import dev.berth.provider.spi.Resources;

/**
 * A workload's estimated monthly cost, what admission charges against the tenant's monthly
 * budget: (vCPU × the host's vCPU-hour price + memory GiB × its GiB-hour price) × 730 hours
 * (365 × 24 / 12, the usual cloud billing month), in micro-units, rounded up so a budget is
 * never undercharged. Disk is not priced (host price tables have no disk price), as in
 * usage cost. The same formula backfills live workloads in migration V10.
 */
public final class MonthlyCost {

    /** Hours in a billing month. */
    public static final long HOURS_PER_MONTH = 730;

    private static final BigInteger DENOMINATOR = BigInteger.valueOf(1000L * 1024L);

    private MonthlyCost() {
    }

    /** @return micro-units per month; exact arithmetic (no overflow whatever the inputs) */
    public static long estimate(Resources r, HostSnapshot.Price price) {
        // milliCpu/1000 × cpuPrice + MiB/1024 × memPrice, over the common denominator 1000 × 1024
        BigInteger numerator = BigInteger.valueOf(r.milliCpu()).multiply(BigInteger.valueOf(price.microsPerVcpuHour()))
                .multiply(BigInteger.valueOf(1024))
                .add(BigInteger.valueOf(r.memoryMiB()).multiply(BigInteger.valueOf(price.microsPerGiBHour()))
                        .multiply(BigInteger.valueOf(1000)))
                .multiply(BigInteger.valueOf(HOURS_PER_MONTH));
        BigInteger[] qr = numerator.divideAndRemainder(DENOMINATOR);
        BigInteger up = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return up.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }
}
