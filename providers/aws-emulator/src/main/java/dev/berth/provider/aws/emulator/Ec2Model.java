package dev.berth.provider.aws.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The emulated EC2 objects. Mutable, guarded by {@link Account#lock}. */
final class Ec2Model {

    private Ec2Model() {
    }

    static final class Instance {
        String id;
        String reservationId;
        String type;
        String imageId;
        String architecture;
        String state;
        String stateReason;
        String subnetId;
        String zone;
        String clientToken;
        String fingerprint;
        String userData;
        String keyName;
        String instanceProfile;
        List<String> securityGroups = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
        String rootDevice;
        Volume root;
        Instant launchTime;

        int stateCode() {
            return switch (state) {
                case "pending" -> 0;
                case "running" -> 16;
                case "shutting-down" -> 32;
                case "terminated" -> 48;
                case "stopping" -> 64;
                default -> 80; // stopped
            };
        }
    }

    /** An EBS volume; {@code files} is its content, which images copy and a root replacement swaps. */
    static final class Volume {
        String id;
        int sizeGiB;
        String zone;
        String state = "in-use";
        String instanceId;
        Instant created;
        boolean deleteOnTermination = true;
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class Image {
        String id;
        String name;
        String description;
        String ownerId;
        String state;
        String architecture;
        String rootDevice;
        int rootSizeGiB;
        String snapshotId;
        String sourceInstanceId;
        String creationDate;
        boolean deregistered;
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class ReplaceRootTask {
        String id;
        String instanceId;
        String imageId;
        String state = "pending";
        String clientToken;
        boolean deleteReplaced;
        String startTime;
        String completeTime;
    }
}
