package dev.berth.provider.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The emulated ECS task definition actions: Register (with Fargate's validation of network
 * mode, CPU/memory pairs, container limits and ephemeral storage), Describe, Deregister,
 * DeleteTaskDefinitions, ListTaskDefinitionFamilies, ListTaskDefinitions.
 */
final class EcsDefinitionActions {

    /** Fargate's Linux task sizes: CPU units → allowed memory (MiB). */
    private static final Map<Integer, List<Integer>> FARGATE = Map.of(
            256, List.of(512, 1024, 2048),
            512, range(1024, 4096, 1024),
            1024, range(2048, 8192, 1024),
            2048, range(4096, 16384, 1024),
            4096, range(8192, 30720, 1024),
            8192, range(16384, 61440, 4096),
            16384, range(32768, 122880, 8192));

    private final Account account;
    private final EcsState ecs;

    EcsDefinitionActions(Account account, EcsState ecs) {
        this.account = account;
        this.ecs = ecs;
    }

    ObjectNode register(JsonNode request) {
        String family = request.path("family").asText("");
        if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
            throw AwsError.badRequest("ClientException", "Family contains invalid characters or is too long.");
        }
        JsonNode containers = request.path("containerDefinitions");
        if (!containers.isArray() || containers.isEmpty()) {
            throw AwsError.badRequest("ClientException", "Container list cannot be empty.");
        }
        boolean fargate = EcsState.strings(request.path("requiresCompatibilities")).contains("FARGATE");
        int cpu = request.path("cpu").asInt(0);
        int memory = request.path("memory").asInt(0);
        if (fargate) {
            if (!"awsvpc".equals(request.path("networkMode").asText())) {
                throw AwsError.badRequest("ClientException", "Fargate only supports network mode 'awsvpc'.");
            }
            if (!FARGATE.getOrDefault(cpu, List.of()).contains(memory)) {
                throw AwsError.badRequest("ClientException", "No Fargate configuration exists for given values: "
                        + request.path("cpu").asText() + " CPU, " + request.path("memory").asText() + " memory. See the "
                        + "Amazon ECS documentation for the valid values.");
            }
            JsonNode storage = request.path("ephemeralStorage").path("sizeInGiB");
            if (!storage.isMissingNode() && (storage.asInt() < 21 || storage.asInt() > 200)) {
                throw AwsError.badRequest("ClientException", "The ephemeral storage size must be between 21 and 200 GiB.");
            }
        }
        int cpuSum = 0;
        int memorySum = 0;
        for (JsonNode container : containers) {
            String name = container.path("name").asText("");
            if (name.isEmpty() || container.path("image").asText("").isEmpty()) {
                throw AwsError.badRequest("ClientException", "Container.name and Container.image should not be null or "
                        + "empty.");
            }
            if (container.has("memory") && container.path("memory").asInt() < 6) {
                throw AwsError.badRequest("ClientException", "Invalid setting for container '" + name + "'. The value "
                        + "for 'memory' must be at least 6 MiB.");
            }
            cpuSum += container.path("cpu").asInt(0);
            memorySum += container.path("memory").asInt(0);
        }
        if (fargate && (cpuSum > cpu || memorySum > memory)) {
            throw AwsError.badRequest("ClientException", "The sum of the containers' cpu (" + cpuSum + ") and memory ("
                    + memorySum + ") must not exceed the task's (" + cpu + ", " + memory + ").");
        }
        EcsState.TaskDefinition d = new EcsState.TaskDefinition();
        d.family = family;
        d.revision = 1 + ecs.definitions.values().stream().filter(x -> x.family.equals(family))
                .mapToInt(x -> x.revision).max().orElse(0);
        d.arn = "arn:aws:ecs:" + account.region + ":" + account.accountId + ":task-definition/" + family + ":" + d.revision;
        d.cpu = cpu;
        d.memory = memory;
        d.request = request.deepCopy();
        d.request.remove("tags");
        d.tags.putAll(EcsState.tags(request.path("tags")));
        d.registeredAt = Account.now();
        ecs.definitions.put(d.arn, d);
        return EcsState.JSON.createObjectNode().<ObjectNode>set("taskDefinition", render(d))
                .set("tags", EcsState.tagArray(d.tags));
    }

    ObjectNode describe(JsonNode request) {
        EcsState.TaskDefinition d = ecs.definition(request.path("taskDefinition").asText());
        ObjectNode response = EcsState.JSON.createObjectNode().set("taskDefinition", render(d));
        if (EcsState.strings(request.path("include")).contains("TAGS")) {
            response.set("tags", EcsState.tagArray(d.tags));
        }
        return response;
    }

    ObjectNode deregister(JsonNode request) {
        String reference = request.path("taskDefinition").asText();
        if (!reference.substring(reference.lastIndexOf('/') + 1).contains(":")) {
            throw AwsError.badRequest("ClientException", "Invalid revision number. Number: " + reference);
        }
        EcsState.TaskDefinition d = ecs.definition(reference);
        if (d.status.equals("ACTIVE")) {
            d.status = "INACTIVE";
            d.deregisteredAt = Account.now();
        }
        return EcsState.JSON.createObjectNode().set("taskDefinition", render(d));
    }

    ObjectNode delete(JsonNode request) {
        ArrayNode deleted = EcsState.JSON.createArrayNode();
        ArrayNode failures = EcsState.JSON.createArrayNode();
        List<String> references = EcsState.strings(request.path("taskDefinitions"));
        if (references.size() > 10) {
            throw AwsError.badRequest("InvalidParameterException", "At most 10 task definitions can be deleted at once.");
        }
        for (String reference : references) {
            EcsState.TaskDefinition d;
            try {
                d = ecs.definition(reference);
            } catch (AwsError missing) {
                failures.addObject().put("arn", reference).put("reason", "TASK_DEFINITION_NOT_FOUND");
                continue;
            }
            if (d.status.equals("ACTIVE")) {
                failures.addObject().put("arn", d.arn).put("reason", "The specified task definition is still in "
                        + "ACTIVE status. Please deregister the target and try again.");
                continue;
            }
            d.status = "DELETE_IN_PROGRESS";
            d.deleted = true;
            deleted.add(render(d));
        }
        ObjectNode response = EcsState.JSON.createObjectNode();
        response.set("taskDefinitions", deleted);
        response.set("failures", failures);
        return response;
    }

    ObjectNode listFamilies(JsonNode request) {
        String prefix = request.path("familyPrefix").asText("");
        String status = request.path("status").asText("ACTIVE");
        TreeSet<String> families = new TreeSet<>();
        for (EcsState.TaskDefinition d : ecs.definitions.values()) {
            if (!d.deleted && d.family.startsWith(prefix) && (status.equals("ALL") || d.status.equals(status))) {
                families.add(d.family);
            }
        }
        if (status.equals("INACTIVE")) { // a family is inactive only when no revision is active
            ecs.definitions.values().stream().filter(d -> !d.deleted && d.status.equals("ACTIVE"))
                    .forEach(d -> families.remove(d.family));
        }
        ArrayNode array = EcsState.JSON.createArrayNode();
        families.forEach(array::add);
        return EcsState.JSON.createObjectNode().set("families", array);
    }

    ObjectNode list(JsonNode request) {
        String prefix = request.path("familyPrefix").asText("");
        String status = request.path("status").asText("ACTIVE");
        ArrayNode arns = EcsState.JSON.createArrayNode();
        ecs.definitions.values().stream()
                .filter(d -> !d.deleted && d.family.startsWith(prefix) && d.status.equals(status))
                .forEach(d -> arns.add(d.arn));
        return EcsState.JSON.createObjectNode().set("taskDefinitionArns", arns);
    }

    static ObjectNode render(EcsState.TaskDefinition d) {
        ObjectNode node = d.request.deepCopy();
        node.put("taskDefinitionArn", d.arn).put("revision", d.revision).put("status", d.status)
                .put("registeredAt", EcsState.epoch(d.registeredAt))
                .put("registeredBy", "arn:aws:iam::" + d.arn.split(":")[4] + ":user/berth");
        if (d.deregisteredAt != null) {
            node.put("deregisteredAt", EcsState.epoch(d.deregisteredAt));
        }
        node.putArray("compatibilities").add("EC2").add("FARGATE");
        return node;
    }

    private static List<Integer> range(int from, int to, int step) {
        List<Integer> values = new java.util.ArrayList<>();
        for (int v = from; v <= to; v += step) {
            values.add(v);
        }
        return values;
    }
}
