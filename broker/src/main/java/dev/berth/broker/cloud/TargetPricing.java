package dev.berth.broker.cloud;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

import dev.berth.broker.hosts.Host;
import dev.berth.provider.aws.PriceCatalogue;

/**
 * Turns a region's price catalogue into the host's two prices — USD per vCPU-hour and per
 * GiB-hour — which the cost scorer multiplies with a request's size. AWS sells instance types,
 * not vCPUs and GiBs, so the split is derived:
 * <ol>
 *   <li>Fargate's prices (per vCPU-hour {@code fv}, per GiB-hour {@code fg}) give the ratio
 *       between CPU and memory (a region without Fargate prices borrows the ratio of the
 *       shipped us-east-1 ones, {@value #DEFAULT_FARGATE_VCPU} / {@value #DEFAULT_FARGATE_GIB});</li>
 *   <li>a containers-only target is priced at Fargate's prices exactly;</li>
 *   <li>a target that runs VMs is priced at that ratio scaled to what EC2 charges: for each
 *       x86_64 instance type, {@code k = hourlyUsd / (vcpu × fv + GiB × fg)}; the median
 *       {@code k} (robust to the cheap burstable t3 types at one end) gives
 *       {@code vcpuHour = k × fv}, {@code memoryGiBHour = k × fg}. With the shipped us-east-1
 *       catalogue {@code k} ≈ 0.82 (the m6i family): 0.0334 per vCPU-hour, 0.00366 per GiB-hour.</li>
 * </ol>
 * Rounded to 6 decimals, the precision of the host's price columns.
 */
final class TargetPricing {

    static final String DEFAULT_FARGATE_VCPU = "0.04048";
    static final String DEFAULT_FARGATE_GIB = "0.004445";
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    private TargetPricing() {
    }

    static Host.Pricing of(PriceCatalogue.RegionPrices prices, boolean runsVms) {
        PriceCatalogue.FargatePrices fargate = prices.fargate().orElse(new PriceCatalogue.FargatePrices(
                new BigDecimal(DEFAULT_FARGATE_VCPU), new BigDecimal(DEFAULT_FARGATE_GIB)));
        BigDecimal fv = fargate.vcpuHourUsd();
        BigDecimal fg = fargate.gibHourUsd();
        BigDecimal k = runsVms ? medianScale(prices.instanceTypes(), fv, fg) : BigDecimal.ONE;
        return new Host.Pricing(round(k.multiply(fv)), round(k.multiply(fg)));
    }

    private static BigDecimal medianScale(List<PriceCatalogue.InstanceType> types, BigDecimal fv, BigDecimal fg) {
        List<BigDecimal> scales = types.stream().filter(t -> t.architecture().equals("x86_64"))
                .map(t -> {
                    BigDecimal units = fv.multiply(BigDecimal.valueOf(t.vcpu()))
                            .add(fg.multiply(BigDecimal.valueOf(t.memoryMiB()).divide(MIB_PER_GIB, MathContext.DECIMAL64)));
                    return units.signum() == 0 ? BigDecimal.ONE : t.hourlyUsd().divide(units, MathContext.DECIMAL64);
                })
                .sorted().toList();
        if (scales.isEmpty()) {
            return BigDecimal.ONE;
        }
        int n = scales.size();
        return n % 2 == 1 ? scales.get(n / 2)
                : scales.get(n / 2 - 1).add(scales.get(n / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_UP);
    }
}
