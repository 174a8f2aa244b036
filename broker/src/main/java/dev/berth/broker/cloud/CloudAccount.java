package dev.berth.broker.cloud;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A public-cloud account as stored: where Berth may run workloads (regions), how the broker
 * finds credentials for it (a reference, never a key), how much it may use and what it
 * costs. Each region is a placement target, a host row that belongs to the account.
 *
 * @param catalogue the account's own price catalogue (JSON, format of deploy/aws/catalogue.json);
 *                  empty = the one shipped with the AWS driver
 */
public record CloudAccount(String name, String provider, List<String> regions, String credentials,
                           Optional<String> externalId, Limits limits, Optional<String> catalogue,
                           Settings settings, Map<String, String> labels,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static final String AWS = "aws";

    public CloudAccount {
        regions = List.copyOf(regions);
        labels = Map.copyOf(labels);
    }

    /** Per region; memory and disk are optional (defaults: {@link TargetCapacity}). */
    public record Limits(int maxVcpu, Optional<Long> maxMemoryMiB, int maxInstances, Optional<Long> maxDiskGiB) {
    }

    /** Driver settings shared by every region (see providers/aws/README.md for their meaning). */
    public record Settings(List<String> subnetIds, List<String> securityGroupIds, Optional<String> cluster,
                           List<String> kinds, Optional<Boolean> assignPublicIp, Optional<String> endpointOverride,
                           Optional<Integer> pollIntervalMillis, Optional<Integer> waitTimeoutSeconds,
                           Optional<String> executionRoleArn, Optional<String> instanceProfile, Optional<String> keyName) {

        public static final Settings NONE = new Settings(List.of(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        public Settings {
            subnetIds = List.copyOf(subnetIds);
            securityGroupIds = List.copyOf(securityGroupIds);
            kinds = List.copyOf(kinds);
        }
    }

    /** The host name of one region's target. */
    public String targetName(String region) {
        return name + "-" + region;
    }
}
