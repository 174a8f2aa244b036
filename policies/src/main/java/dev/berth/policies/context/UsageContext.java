package dev.berth.policies.context;

/**
 * What the tenant holds now, before this request (CEL variable {@code usage}).
 *
 * @param instances live workloads
 * @param vcpu      vCPU held
 * @param memoryMiB memory held
 */
public record UsageContext(long instances, double vcpu, long memoryMiB) {

    public static final UsageContext NONE = new UsageContext(0, 0, 0);
}
