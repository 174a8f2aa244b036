package dev.berth.broker.hosts;

import dev.berth.api.model.HostDriver;
import dev.berth.api.model.HostHealth;
import dev.berth.api.model.Overcommit;
import dev.berth.broker.workloads.WorkloadMapper;
import dev.berth.provider.spi.WorkloadKind;

import static dev.berth.tenants.units.Decimals.plain;

/** Host ↔ API model. */
final class HostMapper {

    private HostMapper() {
    }

    static dev.berth.api.model.Host toApi(Host h) {
        return new dev.berth.api.model.Host()
                .id(h.id()).name(h.name()).driver(HostDriver.fromValue(h.driver())).endpoint(h.endpoint())
                .labels(h.labels()).options(h.options())
                .capacity(WorkloadMapper.resources(h.capacity()))
                .overcommit(new Overcommit().cpu(plain(h.overcommit().cpu()))
                        .memory(plain(h.overcommit().memory()))
                        .disk(plain(h.overcommit().disk())))
                .allocatable(WorkloadMapper.resources(h.allocatable()))
                .allocated(WorkloadMapper.resources(h.allocated()))
                .instances(h.instances())
                .maxInstances(h.maxInstances())
                .supportedKinds(h.supportedKinds().stream().sorted().map(HostMapper::kind).toList())
                .cordoned(h.cordoned())
                .health(new HostHealth().status(HostHealth.StatusEnum.fromValue(h.health().name()))
                        .detail(h.healthDetail()).checkedAt(h.healthCheckedAt()))
                .providerClass(dev.berth.api.model.Host.ProviderClassEnum.fromValue(h.providerClass()))
                .pricing(new dev.berth.api.model.HostPricing().vcpuHour(plain(h.pricing().vcpuHour()))
                        .memoryGiBHour(plain(h.pricing().memoryGiBHour())))
                .version(h.engineVersion())
                .diskEnforced(h.diskEnforced())
                .createdAt(h.createdAt()).updatedAt(h.updatedAt());
    }

    private static dev.berth.api.model.WorkloadKind kind(WorkloadKind kind) {
        return dev.berth.api.model.WorkloadKind.fromValue(kind.name().toLowerCase());
    }
}
