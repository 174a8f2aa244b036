package dev.berth.provider.aws;

import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * Container workloads as ECS tasks on Fargate. A workload is its task definition family
 * ({@link EcsTaskDefinitions}) plus its <b>newest</b> task, which gives its state. ECS tasks
 * cannot be restarted, so where Docker restarts a container this driver runs a new task from
 * the same definition: {@code start} of a stopped workload and {@code restart} run a new
 * task (a new task ARN, a new IP); the handle — the task definition ARN — stays the same.
 * {@code provision} runs the first task with client token {@code <workloadId>}, so a
 * repeated request returns that task instead of a second one.
 *
 * <p>Fargate pulls the image when the task starts, so a missing image only shows as a task
 * that stopped with {@code CannotPullContainerError}: provision and start wait (bounded by
 * {@code waitTimeoutSeconds}) until the task runs or stops, and a provision whose image
 * cannot be pulled removes the task definition again and fails Permanent, naming the image.
 */
final class FargateContainers {

    private static final String PULL_FAILURE = "CannotPullContainerError";

    private final AwsOptions options;
    private final EcsClient ecs;
    private final EcsTaskDefinitions definitions;
    private final AwsErrors errors;
    private final Polling polling;

    FargateContainers(AwsOptions options, EcsClient ecs, EcsTaskDefinitions definitions, AwsErrors errors,
                      Polling polling) {
        this.options = options;
        this.ecs = ecs;
        this.definitions = definitions;
        this.errors = errors;
        this.polling = polling;
    }

    ActualState provision(WorkloadSpec spec) {
        if (options.subnetIds().isEmpty()) {
            throw new ProviderException.Permanent(options.target() + ": Fargate tasks need a subnet; set the host "
                    + "option " + AwsOptions.SUBNET_IDS, null);
        }
        UUID id = spec.workloadId();
        EcsTaskDefinitions.Registered definition = definitions.find(id).orElseGet(() -> definitions.register(spec));
        Optional<Task> current = newestTask(id);
        if (current.isPresent() && isWanted(current.get())) {
            return state(definition, current);
        }
        String token = current.isEmpty() ? id.toString() : freshToken(id);
        Task task = awaitStarted(run(definition, token));
        if (pullFailed(task)) {
            definitions.deleteFamily(id); // nothing half-made stays behind
            throw pullFailure(spec.image().display(), task);
        }
        return state(definition, Optional.of(task));
    }

    void start(UUID workloadId) {
        EcsTaskDefinitions.Registered definition = require(workloadId, "start");
        if (runningTasks(workloadId).isEmpty()) {
            startNewTask(definition, workloadId);
        }
    }

    /** Asks ECS to stop the workload's tasks: SIGTERM, then SIGKILL after the container's stop timeout (30 s). */
    void stop(UUID workloadId) {
        require(workloadId, "stop");
        stopTasks(workloadId);
    }

    /** Stops the current task and runs a new one from the same definition. */
    void restart(UUID workloadId) {
        EcsTaskDefinitions.Registered definition = require(workloadId, "restart");
        stopTasks(workloadId);
        startNewTask(definition, workloadId);
    }

    void delete(UUID workloadId) {
        if (definitions.find(workloadId).isEmpty()) {
            return;
        }
        stopTasks(workloadId);
        definitions.deleteFamily(workloadId);
    }

    Optional<ActualState> describe(UUID workloadId) {
        return definitions.find(workloadId).map(definition -> state(definition, newestTask(workloadId)));
    }

    boolean exists(UUID workloadId) {
        return definitions.find(workloadId).isPresent();
    }

    /** One entry per workload whose family is still active: its newest task, or none (STOPPED) if ECS forgot them. */
    List<ActualState> list() {
        Set<String> families = new HashSet<>(definitions.activeFamilies());
        Map<String, Task> newest = new HashMap<>();
        for (Task task : describeTasks(taskArns(Optional.empty(), DesiredStatus.RUNNING, DesiredStatus.STOPPED))) {
            String family = EcsTaskDefinitions.familyOf(task.taskDefinitionArn());
            if (families.contains(family) && AwsTags.workloadId(tags(task)).isPresent()) {
                newest.merge(family, task, (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b);
            }
        }
        List<ActualState> states = new ArrayList<>();
        for (String family : families) {
            Task task = newest.get(family);
            if (task != null) {
                Map<String, String> tags = tags(task);
                states.add(new ActualState(AwsTags.workloadId(tags).orElseThrow(), tags.getOrDefault(AwsTags.TENANT, ""),
                        task.taskDefinitionArn(), status(task), detail(task), Optional.empty(), task.lastStatus(),
                        exitCode(task), task.startedAt(), task.stoppedAt(), tags.get(AwsTags.INSTALLATION)));
            } else {
                definitions.find(family).filter(d -> AwsTags.workloadId(d.tags()).isPresent())
                        .ifPresent(d -> states.add(state(d, Optional.empty())));
            }
        }
        return states;
    }

    // ---------------------------------------------------------------- tasks

    private void startNewTask(EcsTaskDefinitions.Registered definition, UUID workloadId) {
        Task task = awaitStarted(run(definition, freshToken(workloadId)));
        if (pullFailed(task)) {
            throw pullFailure(task.containers().isEmpty() ? "" : task.containers().get(0).image(), task);
        }
    }

    private Task run(EcsTaskDefinitions.Registered definition, String clientToken) {
        String arn = definition.definition().taskDefinitionArn();
        RunTaskResponse response;
        try {
            response = ecs.runTask(r -> r.cluster(options.cluster())
                    .taskDefinition(arn)
                    .launchType(LaunchType.FARGATE)
                    .count(1)
                    .clientToken(clientToken)
                    .startedBy("berth")
                    .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(options.subnetIds())
                            .securityGroups(options.securityGroupIds())
                            .assignPublicIp(options.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                    .tags(definition.tags().entrySet().stream()
                            .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()));
        } catch (RuntimeException e) {
            throw errors.classify("run task of " + EcsTaskDefinitions.familyOf(arn), e);
        }
        if (response.tasks().isEmpty()) {
            String reasons = response.failures().stream().map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail()
                    + ")")).collect(Collectors.joining(", "));
            // Fargate reports capacity shortages and missing dependencies as failures, not errors.
            throw new ProviderException.Transient(options.target() + ": ECS did not start a task of "
                    + EcsTaskDefinitions.familyOf(arn) + ": " + reasons, null);
        }
        return response.tasks().get(0);
    }

    /** Waits until the task runs or has stopped; a task still starting at the deadline is returned as it is. */
    private Task awaitStarted(Task task) {
        String arn = task.taskArn();
        return polling.until(options.waits().timeout(), () -> describeTasks(List.of(arn)).stream().findFirst()
                        .filter(t -> "RUNNING".equals(t.lastStatus()) || "STOPPED".equals(t.lastStatus())))
                .orElse(task);
    }

    private void stopTasks(UUID workloadId) {
        for (String arn : runningTasks(workloadId)) {
            try {
                ecs.stopTask(r -> r.cluster(options.cluster()).task(arn).reason("stopped by Berth"));
            } catch (RuntimeException e) {
                ProviderException classified = errors.classify("stop task " + arn, e);
                if (!(classified instanceof ProviderException.NotFound)) {
                    throw classified;
                }
            }
        }
    }

    private List<String> runningTasks(UUID workloadId) {
        return taskArns(Optional.of(EcsTaskDefinitions.family(workloadId)), DesiredStatus.RUNNING);
    }

    /** The workload's most recently created task, if ECS still remembers one. */
    private Optional<Task> newestTask(UUID workloadId) {
        List<String> arns = taskArns(Optional.of(EcsTaskDefinitions.family(workloadId)), DesiredStatus.RUNNING,
                DesiredStatus.STOPPED);
        return describeTasks(arns).stream().max(Comparator.comparing(Task::createdAt));
    }

    private List<String> taskArns(Optional<String> family, DesiredStatus... statuses) {
        List<String> arns = new ArrayList<>();
        try {
            for (DesiredStatus status : statuses) {
                ecs.listTasksPaginator(r -> {
                    r.cluster(options.cluster()).desiredStatus(status);
                    family.ifPresent(r::family);
                }).taskArns().forEach(arns::add);
            }
        } catch (RuntimeException e) {
            throw errors.classify("list tasks" + family.map(f -> " of " + f).orElse(""), e);
        }
        return arns;
    }

    private List<Task> describeTasks(List<String> arns) {
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += 100) { // DescribeTasks takes 100 at a time
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
            try {
                tasks.addAll(ecs.describeTasks(r -> r.cluster(options.cluster()).tasks(batch).include(TaskField.TAGS))
                        .tasks());
            } catch (RuntimeException e) {
                throw errors.classify("describe tasks", e);
            }
        }
        return tasks;
    }

    private EcsTaskDefinitions.Registered require(UUID workloadId, String action) {
        return definitions.find(workloadId).orElseThrow(() -> new ProviderException.NotFound(options.target() + ": "
                + action + " " + WorkloadSpec.providerName(workloadId) + ": no active task definition "
                + EcsTaskDefinitions.family(workloadId), null));
    }

    // ---------------------------------------------------------------- mapping

    private ActualState state(EcsTaskDefinitions.Registered definition, Optional<Task> task) {
        Map<String, String> tags = definition.tags();
        String handle = task.map(Task::taskDefinitionArn).orElse(definition.definition().taskDefinitionArn());
        return new ActualState(AwsTags.workloadId(tags).orElse(null), tags.getOrDefault(AwsTags.TENANT, ""), handle,
                task.map(FargateContainers::status).orElse(Status.STOPPED),
                task.map(FargateContainers::detail).orElse("no task (ECS forgets stopped tasks after about an hour)"),
                Optional.of(definition.applied()), task.map(Task::lastStatus).orElse("STOPPED"),
                task.map(FargateContainers::exitCode).orElse(null), task.map(Task::startedAt).orElse(null),
                task.map(Task::stoppedAt).orElse(null), tags.get(AwsTags.INSTALLATION));
    }

    /** The essential (only) container's exit code once the task has stopped; null while it runs or if ECS has none. */
    static Integer exitCode(Task task) {
        if (!"STOPPED".equals(task.lastStatus())) {
            return null;
        }
        return task.containers().stream().map(c -> c.exitCode()).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
    }

    static Status status(Task task) {
        String last = String.valueOf(task.lastStatus());
        boolean wanted = "RUNNING".equals(task.desiredStatus());
        return switch (last) {
            case "RUNNING" -> wanted ? Status.RUNNING : Status.TRANSITIONING;
            case "STOPPED" -> "TaskFailedToStart".equals(task.stopCodeAsString()) ? Status.FAILED : Status.STOPPED;
            default -> Status.TRANSITIONING; // PROVISIONING, PENDING, ACTIVATING, DEACTIVATING, STOPPING, DEPROVISIONING
        };
    }

    private static String detail(Task task) {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        return task.lastStatus() + " task " + id + " (" + task.cpu() + " CPU units / " + task.memory() + " MiB)"
                + (task.stoppedReason() == null ? "" : ": " + task.stoppedReason());
    }

    private static boolean isWanted(Task task) {
        return "RUNNING".equals(task.desiredStatus());
    }

    private static boolean pullFailed(Task task) {
        return "STOPPED".equals(task.lastStatus()) && (contains(task.stoppedReason(), PULL_FAILURE)
                || task.containers().stream().anyMatch(c -> contains(c.reason(), PULL_FAILURE)));
    }

    private ProviderException.Permanent pullFailure(String image, Task task) {
        String reason = task.containers().stream().map(c -> c.reason()).filter(r -> contains(r, PULL_FAILURE))
                .findFirst().orElse(task.stoppedReason());
        return new ProviderException.Permanent(options.target() + ": image " + image + " could not be pulled by "
                + "Fargate: " + reason, null);
    }

    private static boolean contains(String text, String part) {
        return text != null && text.contains(part);
    }

    /** A token for one new task: random, so every start runs a task; the SDK's own retries reuse it. */
    private static String freshToken(UUID workloadId) {
        return workloadId + "-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    private static Map<String, String> tags(Task task) {
        return task.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }
}
