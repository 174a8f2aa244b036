package dev.berth.provider.aws;

import dev.berth.provider.spi.Resources;
import java.util.List;
import java.util.Optional;

/**
 * A Fargate task size: Fargate sells only fixed CPU/memory pairs, so a workload runs in the
 * smallest pair that holds it (its own container keeps the exact limits inside it). CPU in
 * ECS units (1024 = 1 vCPU), memory in MiB. The table is Fargate's Linux one.
 *
 * @param cpuUnits  task CPU, one of 256, 512, 1024, 2048, 4096, 8192, 16384
 * @param memoryMiB task memory, a value Fargate allows with that CPU
 */
public record FargateSize(int cpuUnits, long memoryMiB) {

    /** Per CPU size: smallest memory, largest memory, step — in MiB. */
    private record Row(int cpuUnits, long minMiB, long maxMiB, long stepMiB) {
    }

    private static final List<Row> TABLE = List.of(
            new Row(256, 512, 2048, 512),        // 0.5, 1 or 2 GiB (the 1536 step does not exist; filtered below)
            new Row(512, 1024, 4096, 1024),
            new Row(1024, 2048, 8192, 1024),
            new Row(2048, 4096, 16384, 1024),
            new Row(4096, 8192, 30720, 1024),
            new Row(8192, 16384, 61440, 4096),
            new Row(16384, 32768, 122880, 8192));

    /** ECS CPU units for a number of thousandths of a vCPU, rounded to the nearest unit. */
    public static int cpuUnits(long milliCpu) {
        return (int) Math.round(milliCpu * 1.024);
    }

    /** The inverse of {@link #cpuUnits}: exact for every value {@link #cpuUnits} produces. */
    public static long milliCpu(int cpuUnits) {
        return Math.round(cpuUnits / 1.024);
    }

    /** The smallest (hence cheapest) task size holding {@code wanted}; empty if it exceeds 16 vCPU / 120 GiB. */
    public static Optional<FargateSize> fit(Resources wanted) {
        int units = cpuUnits(Math.max(1, wanted.milliCpu()));
        for (Row row : TABLE) {
            if (row.cpuUnits() < units || row.maxMiB() < wanted.memoryMiB()) {
                continue;
            }
            long memory = row.minMiB();
            while (memory < wanted.memoryMiB() || (row.cpuUnits() == 256 && memory == 1536)) {
                memory += row.stepMiB();
            }
            return Optional.of(new FargateSize(row.cpuUnits(), memory));
        }
        return Optional.empty();
    }
}
