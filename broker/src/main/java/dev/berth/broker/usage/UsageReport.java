package dev.berth.broker.usage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Usage in {@code [from, to)} of one tenant (or all), by group, with rounded figures and exact-sum totals. */
public record UsageReport(Instant from, Instant to, Optional<String> tenant, Set<UsageDimension> groupBy,
                          List<UsageRow> rows, UsageFigures totals) {
}
