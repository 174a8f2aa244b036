package dev.berth.broker.cloud;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.berth.provider.spi.HostConnection;

/**
 * The AWS driver connection of one account-region: endpoint {@code aws://<region>} and the
 * driver's option keys exactly (providers/aws/README.md), so the target behaves like an
 * {@code aws} host registered by hand with the same options. Only what the account says is
 * written; the driver's defaults apply to the rest.
 */
final class TargetOptions {

    static final String DRIVER = "aws";

    private TargetOptions() {
    }

    static HostConnection connection(CloudAccount account, String region, TargetCapacity.Sized size) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("credentials", account.credentials());
        account.externalId().ifPresent(id -> options.put("externalId", id));
        CloudAccount.Settings s = account.settings();
        s.endpointOverride().ifPresent(url -> options.put("endpointOverride", url));
        if (!s.kinds().isEmpty()) {
            options.put("kinds", String.join(",", s.kinds()));
        }
        if (!s.subnetIds().isEmpty()) {
            options.put("subnetIds", String.join(",", s.subnetIds()));
        }
        if (!s.securityGroupIds().isEmpty()) {
            options.put("securityGroupIds", String.join(",", s.securityGroupIds()));
        }
        s.cluster().ifPresent(cluster -> options.put("cluster", cluster));
        s.assignPublicIp().ifPresent(assign -> options.put("assignPublicIp", String.valueOf(assign)));
        s.pollIntervalMillis().ifPresent(ms -> options.put("pollIntervalMillis", String.valueOf(ms)));
        s.waitTimeoutSeconds().ifPresent(seconds -> options.put("waitTimeoutSeconds", String.valueOf(seconds)));
        s.executionRoleArn().ifPresent(arn -> options.put("executionRoleArn", arn));
        s.instanceProfile().ifPresent(profile -> options.put("instanceProfile", profile));
        s.keyName().ifPresent(key -> options.put("keyName", key));
        account.catalogue().ifPresent(json -> options.put("priceCatalogue", json));
        // The driver reports these as its capacity; the host row carries the same numbers.
        options.put("maxVcpu", String.valueOf(account.limits().maxVcpu()));
        options.put("maxMemoryMiB", String.valueOf(size.memoryMiB()));
        options.put("maxInstances", String.valueOf(account.limits().maxInstances()));
        return new HostConnection(DRIVER, "aws://" + region, Map.copyOf(options));
    }
}
