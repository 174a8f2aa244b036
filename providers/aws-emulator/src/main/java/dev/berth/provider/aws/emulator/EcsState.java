package dev.berth.provider.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The emulated ECS objects and what the ECS actions share. Guarded by {@link Account#lock}. */
final class EcsState {

    static final ObjectMapper JSON = new ObjectMapper();

    static final class TaskDefinition {
        String arn;
        String family;
        int revision;
        String status = "ACTIVE";
        int cpu;
        int memory;
        ObjectNode request; // the registration as sent, echoed back like ECS does
        Map<String, String> tags = new LinkedHashMap<>();
        Instant registeredAt;
        Instant deregisteredAt;
        boolean deleted;

        JsonNode container() {
            return request.path("containerDefinitions").get(0);
        }
    }

    static final class Task {
        String arn;
        String clusterArn;
        String definitionArn;
        String family;
        String lastStatus = "PROVISIONING";
        String desiredStatus = "RUNNING";
        String clientToken;
        String fingerprint;
        String image;
        String containerName;
        String stopCode;
        String stoppedReason;
        String containerReason;
        Integer exitCode;
        String startedBy;
        String group;
        String zone;
        int cpu;
        int memory;
        Map<String, String> tags = new LinkedHashMap<>();
        Instant createdAt;
        Instant startedAt;
        Instant stoppingAt;
        Instant stoppedAt;
    }

    final Map<String, String> clusters = new LinkedHashMap<>(); // name → arn
    final Map<String, TaskDefinition> definitions = new LinkedHashMap<>(); // arn → definition
    final Map<String, Task> tasks = new LinkedHashMap<>(); // arn → task
    final Map<String, List<String>> runTokens = new LinkedHashMap<>();
    /** Images the emulated registry holds; Fargate cannot pull any other. */
    final Set<String> registry = new LinkedHashSet<>();

    private final Account account;

    EcsState(Account account) {
        this.account = account;
    }

    void exitTask(String taskArn, int exitCode) {
        Task t = tasks.get(taskArn);
        if (t == null) {
            throw new IllegalArgumentException("no task " + taskArn);
        }
        t.desiredStatus = "STOPPED";
        t.lastStatus = "STOPPED";
        t.stopCode = "EssentialContainerExited";
        t.stoppedReason = "Essential container in task exited";
        t.exitCode = exitCode;
        t.stoppingAt = Account.now();
        t.stoppedAt = t.stoppingAt;
    }

        String clusterArn(String nameOrArn) {
        String name = nameOrArn == null ? "default" : nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
        String arn = clusters.get(name);
        if (arn == null) {
            throw AwsError.badRequest("ClusterNotFoundException", "Cluster not found.");
        }
        return arn;
    }

    void createCluster(String name) {
        clusters.put(name, "arn:aws:ecs:" + account.region + ":" + account.accountId + ":cluster/" + name);
    }

    /** family, family:revision or an ARN; a bare family means its latest ACTIVE revision. */
    TaskDefinition definition(String reference) {
        String ref = reference.contains("/") ? reference.substring(reference.lastIndexOf('/') + 1) : reference;
        TaskDefinition found = null;
        if (ref.contains(":")) {
            String family = ref.substring(0, ref.indexOf(':'));
            int revision = Integer.parseInt(ref.substring(ref.indexOf(':') + 1));
            found = definitions.values().stream().filter(d -> !d.deleted && d.family.equals(family)
                    && d.revision == revision).findFirst().orElse(null);
        } else {
            for (TaskDefinition d : definitions.values()) {
                if (!d.deleted && d.family.equals(ref) && d.status.equals("ACTIVE")
                        && (found == null || d.revision > found.revision)) {
                    found = d;
                }
            }
        }
        if (found == null) {
            throw AwsError.badRequest("ClientException", "Unable to describe task definition.");
        }
        return found;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static Map<String, String> tags(JsonNode array) {
        Map<String, String> tags = new LinkedHashMap<>();
        array.forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
        if (tags.keySet().stream().anyMatch(k -> k.startsWith("aws:"))) {
            throw AwsError.badRequest("InvalidParameterException", "Tag keys starting with 'aws:' are reserved.");
        }
        if (tags.size() > 50) {
            throw AwsError.badRequest("InvalidParameterException", "The maximum number of tags per resource is 50.");
        }
        return tags;
    }

    static ArrayNode tagArray(Map<String, String> tags) {
        ArrayNode array = JSON.createArrayNode();
        tags.forEach((k, v) -> array.addObject().put("key", k).put("value", v));
        return array;
    }

    static double epoch(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
