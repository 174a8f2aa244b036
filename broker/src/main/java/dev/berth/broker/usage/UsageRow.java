package dev.berth.broker.usage;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One group of a usage report: the values of the grouped dimensions (the others are null)
 * and its figures.
 */
public record UsageRow(String tenant, String kind, String providerClass, UUID hostId, String host, LocalDate day,
                       UsageFigures figures) {
}
