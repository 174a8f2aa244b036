package dev.berth.broker.workloads;

/** How strongly the workload must be isolated from its neighbours; STRONG means its own kernel (a VM). */
public enum Isolation { STANDARD, STRONG }
