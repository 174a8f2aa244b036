package dev.berth.broker.workloads;

/** What the tenant asked for; {@code AUTO} is resolved by {@link KindResolver} before placement. */
public enum KindRequest { CONTAINER, VM, AUTO }
