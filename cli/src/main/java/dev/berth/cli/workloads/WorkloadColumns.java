package dev.berth.cli.workloads;

import java.util.List;

import dev.berth.cli.output.Column;
import dev.berth.sdk.model.Workload;

/** The table columns of a workload (list and get alike). */
final class WorkloadColumns {

    static final List<Column<Workload>> ALL = List.of(Column.of("id", Workload::getId), Column.of("name", Workload::getName),
            Column.of("kind", Workload::getKind), Column.of("status", Workload::getStatus),
            Column.of("vcpu", w -> w.getResources() == null ? null : w.getResources().getVcpu()),
            Column.of("memoryMiB", w -> w.getResources() == null ? null : w.getResources().getMemoryMiB()),
            Column.of("host", Workload::getHostId), Column.of("reason", Workload::getStatusReason));

    private WorkloadColumns() {
    }
}
