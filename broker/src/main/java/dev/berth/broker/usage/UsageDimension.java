package dev.berth.broker.usage;

import java.util.Arrays;
import java.util.Optional;

/** What usage can be grouped by; declaration order is the order of groups and CSV columns. */
public enum UsageDimension {
    TENANT("tenant"),
    KIND("kind"),
    PROVIDER_CLASS("providerClass"),
    HOST("host"),
    /** UTC calendar days; an interval crossing midnight counts on both days. */
    DAY("day");

    private final String apiName;

    UsageDimension(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<UsageDimension> fromApiName(String name) {
        return Arrays.stream(values()).filter(d -> d.apiName.equals(name)).findFirst();
    }
}
