package dev.berth.provider.spi;

/** What a workload runs as. {@code auto} is resolved by the broker before any driver sees it. */
public enum WorkloadKind {
    CONTAINER,
    VM
}
