package dev.berth.tenants.quota;

import java.time.OffsetDateTime;

import dev.berth.provider.spi.Resources;

/**
 * A named set of quota limits. The default class is copied into the quota of a newly
 * onboarded tenant that has no limits yet; it is a template, not a live link.
 *
 * @param monthlyBudgetMicros the monthly cost budget it gives, in micro-units; null = none (unlimited)
 */
public record QuotaClass(String name, String description, Resources limits, int instances, int snapshots,
                         boolean isDefault, OffsetDateTime createdAt, OffsetDateTime updatedAt, Long monthlyBudgetMicros) {
}
