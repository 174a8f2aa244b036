package dev.berth.broker.workloads;

import dev.berth.broker.operations.Operation;

/** The answer to every workload mutation: the workload as it now is, and the operation carrying it out. */
public record Accepted(Workload workload, Operation operation, java.util.List<String> warnings) {

    public Accepted(Workload workload, Operation operation) {
        this(workload, operation, java.util.List.of());
    }
}
