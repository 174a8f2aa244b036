package dev.berth.broker.usage;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.berth.api.model.UsageGroup;

/** Usage report → API model. */
final class UsageMapper {

    private UsageMapper() {
    }

    static dev.berth.api.model.UsageReport toApi(UsageReport r) {
        return new dev.berth.api.model.UsageReport()
                .from(OffsetDateTime.ofInstant(r.from(), ZoneOffset.UTC))
                .to(OffsetDateTime.ofInstant(r.to(), ZoneOffset.UTC))
                .tenant(r.tenant().orElse(null))
                .groupBy(r.groupBy().stream().map(d -> dev.berth.api.model.UsageDimension.fromValue(d.apiName())).toList())
                .groups(r.rows().stream().map(UsageMapper::group).toList())
                .totals(figures(r.totals()));
    }

    private static UsageGroup group(UsageRow row) {
        return new UsageGroup().tenant(row.tenant())
                .kind(row.kind() == null ? null : UsageGroup.KindEnum.fromValue(row.kind()))
                .providerClass(row.providerClass() == null ? null : UsageGroup.ProviderClassEnum.fromValue(row.providerClass()))
                .hostId(row.hostId()).host(row.host()).day(row.day())
                .figures(figures(row.figures()));
    }

    private static dev.berth.api.model.UsageFigures figures(UsageFigures f) {
        return new dev.berth.api.model.UsageFigures().vcpuHours(f.vcpuHours()).memoryGiBHours(f.memoryGiBHours())
                .diskGiBHours(f.diskGiBHours()).instanceHours(f.instanceHours()).cost(f.cost());
    }
}
