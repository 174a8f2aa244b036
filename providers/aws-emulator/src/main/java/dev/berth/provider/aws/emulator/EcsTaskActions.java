package dev.berth.provider.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The emulated ECS task and cluster actions: RunTask (Fargate, awsvpc, client tokens),
 * StopTask, ListTasks (by family and desired status), DescribeTasks (with TAGS),
 * DescribeClusters, ListClusters. A task goes PROVISIONING → PENDING → RUNNING, or STOPPED
 * with {@code CannotPullContainerError} when its image is not in the emulated registry; a
 * stopped task goes DEACTIVATING → STOPPING → STOPPED. Stopped tasks stay listed, as ECS keeps
 * them for about an hour ({@link AwsEmulator#expireStoppedTasks()} forgets them).
 */
final class EcsTaskActions {

    private final Account account;
    private final EcsState ecs;

    EcsTaskActions(Account account, EcsState ecs) {
        this.account = account;
        this.ecs = ecs;
    }

    ObjectNode run(JsonNode request) {
        String clusterArn = ecs.clusterArn(request.path("cluster").asText(null));
        EcsState.TaskDefinition d;
        try {
            d = ecs.definition(request.path("taskDefinition").asText());
        } catch (AwsError missing) {
            throw AwsError.badRequest("InvalidParameterException", "TaskDefinition not found.");
        }
        if (!d.status.equals("ACTIVE")) {
            throw AwsError.badRequest("ClientException", "TaskDefinition is inactive");
        }
        int count = request.path("count").asInt(1);
        String fingerprint = clusterArn + "|" + d.arn + "|" + count;
        Optional<String> token = Optional.ofNullable(request.path("clientToken").asText(null));
        if (token.isPresent() && ecs.runTokens.containsKey(token.get())) {
            List<EcsState.Task> earlier = ecs.runTokens.get(token.get()).stream().map(ecs.tasks::get).toList();
            if (!earlier.get(0).fingerprint.equals(fingerprint)) {
                throw AwsError.badRequest("InvalidParameterException", "The client token is already in use with "
                        + "different parameters.");
            }
            return response(earlier, true);
        }
        if ("awsvpc".equals(d.request.path("networkMode").asText())
                && request.path("networkConfiguration").path("awsvpcConfiguration").path("subnets").isEmpty()) {
            throw AwsError.badRequest("InvalidParameterException", "Network Configuration must be provided when "
                    + "networkMode 'awsvpc' is specified.");
        }
        Map<String, String> tags = EcsState.tags(request.path("tags"));
        List<EcsState.Task> made = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            EcsState.Task t = new EcsState.Task();
            String cluster = clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
            t.arn = "arn:aws:ecs:" + account.region + ":" + account.accountId + ":task/" + cluster + "/" + account.hex(16);
            t.clusterArn = clusterArn;
            t.definitionArn = d.arn;
            t.family = d.family;
            t.clientToken = token.orElse(null);
            t.fingerprint = fingerprint;
            t.image = d.container().path("image").asText();
            t.containerName = d.container().path("name").asText();
            t.cpu = d.cpu;
            t.memory = d.memory;
            t.tags.putAll(tags);
            t.startedBy = request.path("startedBy").asText(null);
            t.group = request.path("group").asText("family:" + d.family);
            t.zone = account.zone(n);
            t.createdAt = Account.now();
            ecs.tasks.put(t.arn, t);
            made.add(t);
            account.timeline.after(1, () -> moveIf(t, "PROVISIONING", "PENDING"));
            account.timeline.after(3, () -> start(t));
        }
        token.ifPresent(value -> ecs.runTokens.put(value, made.stream().map(t -> t.arn).toList()));
        return response(made, true);
    }

    ObjectNode stop(JsonNode request) {
        String clusterArn = ecs.clusterArn(request.path("cluster").asText(null));
        EcsState.Task t = find(clusterArn, request.path("task").asText());
        if (t == null) {
            throw AwsError.badRequest("InvalidParameterException", "The referenced task was not found.");
        }
        if (t.desiredStatus.equals("RUNNING")) {
            t.desiredStatus = "STOPPED";
            t.stoppingAt = Account.now();
            t.stopCode = "UserInitiated";
            t.stoppedReason = request.path("reason").asText("Task stopped by user");
            if (t.lastStatus.equals("RUNNING")) {
                t.lastStatus = "DEACTIVATING";
                account.timeline.after(1, () -> moveIf(t, "DEACTIVATING", "STOPPING"));
                account.timeline.after(2, () -> {
                    t.exitCode = 137;
                    stopped(t);
                });
            } else {
                account.timeline.after(1, () -> stopped(t));
            }
        }
        return EcsState.JSON.createObjectNode().set("task", render(t, true));
    }

    ObjectNode list(JsonNode request) {
        String clusterArn = ecs.clusterArn(request.path("cluster").asText(null));
        String family = request.path("family").asText(null);
        String desired = request.path("desiredStatus").asText("RUNNING");
        String startedBy = request.path("startedBy").asText(null);
        List<String> arns = ecs.tasks.values().stream()
                .filter(t -> t.clusterArn.equals(clusterArn) && t.desiredStatus.equals(desired)
                        && (family == null || t.family.equals(family))
                        && (startedBy == null || startedBy.equals(t.startedBy)))
                .map(t -> t.arn).toList();
        int from = request.path("nextToken").asInt(0);
        int size = Math.min(100, request.path("maxResults").asInt(100));
        ArrayNode page = EcsState.JSON.createArrayNode();
        arns.subList(Math.min(from, arns.size()), Math.min(from + size, arns.size())).forEach(page::add);
        ObjectNode response = EcsState.JSON.createObjectNode().set("taskArns", page);
        if (from + size < arns.size()) {
            response.put("nextToken", String.valueOf(from + size));
        }
        return response;
    }

    ObjectNode describe(JsonNode request) {
        String clusterArn = ecs.clusterArn(request.path("cluster").asText(null));
        boolean tags = EcsState.strings(request.path("include")).contains("TAGS");
        List<String> references = EcsState.strings(request.path("tasks"));
        if (references.size() > 100) {
            throw AwsError.badRequest("InvalidParameterException", "Tasks cannot contain more than 100 elements.");
        }
        ArrayNode found = EcsState.JSON.createArrayNode();
        ArrayNode failures = EcsState.JSON.createArrayNode();
        for (String reference : references) {
            EcsState.Task t = find(clusterArn, reference);
            if (t == null) {
                failures.addObject().put("arn", reference).put("reason", "MISSING");
            } else {
                found.add(render(t, tags));
            }
        }
        ObjectNode response = EcsState.JSON.createObjectNode();
        response.set("tasks", found);
        response.set("failures", failures);
        return response;
    }

    ObjectNode describeClusters(JsonNode request) {
        List<String> names = EcsState.strings(request.path("clusters"));
        ArrayNode clusters = EcsState.JSON.createArrayNode();
        ArrayNode failures = EcsState.JSON.createArrayNode();
        for (String name : names.isEmpty() ? List.of("default") : names) {
            String simple = name.substring(name.lastIndexOf('/') + 1);
            String arn = ecs.clusters.get(simple);
            if (arn == null) {
                failures.addObject().put("arn", "arn:aws:ecs:" + account.region + ":" + account.accountId + ":cluster/"
                        + simple).put("reason", "MISSING");
            } else {
                long running = ecs.tasks.values().stream().filter(t -> t.clusterArn.equals(arn)
                        && t.lastStatus.equals("RUNNING")).count();
                clusters.addObject().put("clusterArn", arn).put("clusterName", simple).put("status", "ACTIVE")
                        .put("runningTasksCount", running).put("pendingTasksCount", 0)
                        .put("activeServicesCount", 0).put("registeredContainerInstancesCount", 0);
            }
        }
        ObjectNode response = EcsState.JSON.createObjectNode();
        response.set("clusters", clusters);
        response.set("failures", failures);
        return response;
    }

    ObjectNode listClusters() {
        ArrayNode arns = EcsState.JSON.createArrayNode();
        ecs.clusters.values().forEach(arns::add);
        return EcsState.JSON.createObjectNode().set("clusterArns", arns);
    }

    // ---------------------------------------------------------------- lifecycle

    private void start(EcsState.Task t) {
        if (!t.desiredStatus.equals("RUNNING") || t.lastStatus.equals("STOPPED")) {
            return;
        }
        if (ecs.registry.contains(t.image)) {
            t.lastStatus = "RUNNING";
            t.startedAt = Account.now();
            return;
        }
        String reason = "CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve "
                + "ref " + t.image + ": " + t.image + ": not found";
        t.desiredStatus = "STOPPED";
        t.stopCode = "TaskFailedToStart";
        t.stoppedReason = reason;
        t.containerReason = reason;
        stopped(t);
    }

    private static void stopped(EcsState.Task t) {
        t.lastStatus = "STOPPED";
        t.stoppedAt = Account.now();
    }

    private static void moveIf(EcsState.Task t, String from, String to) {
        if (t.lastStatus.equals(from)) {
            t.lastStatus = to;
        }
    }

    private EcsState.Task find(String clusterArn, String reference) {
        return ecs.tasks.values().stream()
                .filter(t -> t.clusterArn.equals(clusterArn) && (t.arn.equals(reference) || t.arn.endsWith("/" + reference)))
                .findFirst().orElse(null);
    }

    private ObjectNode response(List<EcsState.Task> tasks, boolean withTags) {
        ArrayNode array = EcsState.JSON.createArrayNode();
        tasks.forEach(t -> array.add(render(t, withTags)));
        ObjectNode response = EcsState.JSON.createObjectNode();
        response.set("tasks", array);
        response.set("failures", EcsState.JSON.createArrayNode());
        return response;
    }

    private ObjectNode render(EcsState.Task t, boolean withTags) {
        ObjectNode node = EcsState.JSON.createObjectNode()
                .put("taskArn", t.arn).put("clusterArn", t.clusterArn).put("taskDefinitionArn", t.definitionArn)
                .put("lastStatus", t.lastStatus).put("desiredStatus", t.desiredStatus)
                .put("launchType", "FARGATE").put("platformVersion", "1.4.0").put("platformFamily", "Linux")
                .put("cpu", String.valueOf(t.cpu)).put("memory", String.valueOf(t.memory))
                .put("availabilityZone", t.zone).put("group", t.group).put("version", 1)
                .put("createdAt", EcsState.epoch(t.createdAt));
        putIf(node, "startedBy", t.startedBy);
        putIf(node, "stopCode", t.stopCode);
        putIf(node, "stoppedReason", t.stoppedReason);
        if (t.startedAt != null) {
            node.put("startedAt", EcsState.epoch(t.startedAt));
        }
        if (t.stoppingAt != null) {
            node.put("stoppingAt", EcsState.epoch(t.stoppingAt));
        }
        if (t.stoppedAt != null) {
            node.put("stoppedAt", EcsState.epoch(t.stoppedAt));
        }
        ObjectNode container = node.putArray("containers").addObject()
                .put("containerArn", t.arn.replace(":task/", ":container/") + "/" + t.containerName)
                .put("taskArn", t.arn).put("name", t.containerName).put("image", t.image)
                .put("lastStatus", t.lastStatus.equals("STOPPED") ? "STOPPED"
                        : t.lastStatus.equals("RUNNING") ? "RUNNING" : "PENDING");
        putIf(container, "reason", t.containerReason);
        if (t.exitCode != null) {
            container.put("exitCode", t.exitCode);
        }
        if (withTags) {
            node.set("tags", EcsState.tagArray(t.tags));
        }
        return node;
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
