package dev.berth.broker.hosts;

import dev.berth.api.model.HostDriver;
import dev.berth.api.model.HostHealth;
import dev.berth.api.model.Overcommit;
import dev.berth.broker.workloads.WorkloadMapper;
import dev.berth.provider.spi.WorkloadKind;

/** Host ↔ API model. */
final class HostMapper {

    private HostMapper() {
    }

    static dev.berth.api.model.Host toApi(Host h) {
        return new dev.berth.api.model.Host()
                .id(h.id()).name(h.name()).driver(HostDriver.fromValue(h.driver())).endpoint(h.endpoint())
                .labels(h.labels()).options(h.options())
                .capacity(WorkloadMapper.resources(h.capacity()))
                .overcommit(new Overcommit().cpu(h.overcommit().cpu().stripTrailingZeros())
                        .memory(h.overcommit().memory().stripTrailingZeros())
                        .disk(h.overcommit().disk().stripTrailingZeros()))
                .allocatable(WorkloadMapper.resources(h.allocatable()))
                .allocated(WorkloadMapper.resources(h.allocated()))
                .instances(h.instances())
                .supportedKinds(h.supportedKinds().stream().sorted().map(HostMapper::kind).toList())
                .cordoned(h.cordoned())
                .health(new HostHealth().status(HostHealth.StatusEnum.fromValue(h.health().name()))
                        .detail(h.healthDetail()).checkedAt(h.healthCheckedAt()))
                .version(h.engineVersion())
                .createdAt(h.createdAt()).updatedAt(h.updatedAt());
    }

    private static dev.berth.api.model.WorkloadKind kind(WorkloadKind kind) {
        return dev.berth.api.model.WorkloadKind.fromValue(kind.name().toLowerCase());
    }
}
