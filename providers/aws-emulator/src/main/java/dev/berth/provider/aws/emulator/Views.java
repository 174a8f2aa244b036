package dev.berth.provider.aws.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only snapshots of the emulator's state, for test assertions. */
public final class Views {

    private Views() {
    }

    /**
     * An EC2 instance as the emulator holds it.
     *
     * @param userData     the user data, base64-decoded; empty if none
     * @param rootVolumeId the current root volume (changes when the root volume is replaced)
     */
    public record Instance(String instanceId, String instanceType, String imageId, String state, String subnetId,
                           String availabilityZone, String clientToken, Map<String, String> tags, String userData,
                           String rootVolumeId, int rootVolumeGiB, Instant launchTime) {
    }

    /** An AMI made by {@code CreateImage} (or registered as a base image). */
    public record Image(String imageId, String name, String state, String ownerId, String sourceInstanceId,
                        Map<String, String> tags, boolean deregistered) {
    }

    /** An ECS task. */
    public record Task(String taskArn, String taskDefinitionArn, String family, String lastStatus, String desiredStatus,
                       String clientToken, String image, Map<String, String> tags, Optional<String> stoppedReason) {
    }

    /** An ECS task definition revision. */
    public record TaskDefinition(String taskDefinitionArn, String family, int revision, String status, int cpuUnits,
                                 int memoryMiB, Optional<Integer> containerCpu, Optional<Integer> containerMemoryMiB,
                                 String image, List<String> command, Map<String, String> environment,
                                 Map<String, String> tags) {
    }

    /**
     * One request the emulator received and accepted the signature of.
     *
     * @param service     {@code ec2}, {@code ecs}, {@code sts} or {@code ssm}
     * @param params      the form parameters (Query protocols), empty for JSON protocols
     * @param body        the raw body
     */
    public record Request(String service, String action, String accessKeyId, Map<String, String> params, String body,
                          Instant at) {
    }
}
