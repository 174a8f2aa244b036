package dev.berth.provider.spi;

/**
 * Resource sizes in integer units, so that quota and capacity arithmetic is exact.
 *
 * @param milliCpu  thousandths of a vCPU (1500 = 1.5 vCPU)
 * @param memoryMiB memory in MiB
 * @param diskGiB   disk in GiB (0 = provider default / ephemeral only)
 */
public record Resources(long milliCpu, long memoryMiB, long diskGiB) {

    public static final Resources ZERO = new Resources(0, 0, 0);

    public Resources {
        if (milliCpu < 0 || memoryMiB < 0 || diskGiB < 0) {
            throw new IllegalArgumentException("resources must not be negative: " + milliCpu + "m, "
                    + memoryMiB + " MiB, " + diskGiB + " GiB");
        }
    }

    public Resources plus(Resources other) {
        return new Resources(milliCpu + other.milliCpu, memoryMiB + other.memoryMiB, diskGiB + other.diskGiB);
    }
}
