package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * A container workload's ECS task definition: family {@code berth-<workloadId>}, one essential
 * container named {@value #CONTAINER} with the workload's image, command, environment and exact
 * limits, inside the smallest Fargate task size that holds them. The family is the workload's
 * lasting identity on ECS — tasks come and go (a stopped task cannot be started again), the
 * family stays until the workload is deleted, when it is deregistered and deleted.
 */
final class EcsTaskDefinitions {

    static final String CONTAINER = "workload";
    /** Fargate gives every task 20 GiB of ephemeral storage; more can be asked for, 21 to 200 GiB. */
    static final int FARGATE_DEFAULT_DISK_GIB = 20;
    static final int FARGATE_MAX_DISK_GIB = 200;

    /** A task definition with the tags ECS keeps beside it. */
    record Registered(TaskDefinition definition, Map<String, String> tags) {

        /** The limits ECS enforces on the workload's container, read back from the definition. */
        Resources applied() {
            ContainerDefinition container = definition.containerDefinitions().stream()
                    .filter(c -> CONTAINER.equals(c.name())).findFirst()
                    .orElse(definition.containerDefinitions().get(0));
            long milliCpu = container.cpu() == null || container.cpu() == 0 ? 0 : FargateSize.milliCpu(container.cpu());
            long memory = container.memory() == null ? Long.parseLong(definition.memory()) : container.memory();
            long disk = definition.ephemeralStorage() == null ? 0 : definition.ephemeralStorage().sizeInGiB();
            return new Resources(milliCpu, memory, disk);
        }
    }

    private final AwsOptions options;
    private final EcsClient ecs;
    private final AwsErrors errors;

    EcsTaskDefinitions(AwsOptions options, EcsClient ecs, AwsErrors errors) {
        this.options = options;
        this.ecs = ecs;
        this.errors = errors;
    }

    static String family(UUID workloadId) {
        return WorkloadSpec.providerName(workloadId);
    }

    /** The family of a task definition ARN ({@code …:task-definition/<family>:<revision>}). */
    static String familyOf(String taskDefinitionArn) {
        int slash = taskDefinitionArn.lastIndexOf('/');
        int colon = taskDefinitionArn.lastIndexOf(':');
        return slash < 0 || colon < slash ? taskDefinitionArn : taskDefinitionArn.substring(slash + 1, colon);
    }

    /** The workload's latest ACTIVE task definition; empty when the workload has none (never made, or deleted). */
    Optional<Registered> find(UUID workloadId) {
        return find(family(workloadId));
    }

    Optional<Registered> find(String familyOrArn) {
        try {
            var response = ecs.describeTaskDefinition(r -> r.taskDefinition(familyOrArn).include(TaskDefinitionField.TAGS));
            if (response.taskDefinition().status() != TaskDefinitionStatus.ACTIVE) {
                return Optional.empty();
            }
            return Optional.of(new Registered(response.taskDefinition(), response.tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b))));
        } catch (AwsServiceException e) {
            if (errors.classify("", e) instanceof ProviderException.NotFound) {
                return Optional.empty();
            }
            throw errors.classify("describe task definition " + familyOrArn, e);
        } catch (RuntimeException e) {
            throw errors.classify("describe task definition " + familyOrArn, e);
        }
    }

    /** Registers the workload's task definition; Permanent if Fargate cannot run it. */
    Registered register(WorkloadSpec spec) {
        Resources wanted = spec.resources();
        FargateSize size = FargateSize.fit(wanted).orElseThrow(() -> new ProviderException.Permanent(options.target()
                + ": " + Ec2Vms.describe(wanted) + " exceeds Fargate's largest task (16 vCPU / 120 GiB)", null));
        if (wanted.diskGiB() > FARGATE_MAX_DISK_GIB) {
            throw new ProviderException.Permanent(options.target() + ": Fargate tasks have at most "
                    + FARGATE_MAX_DISK_GIB + " GiB of ephemeral storage, asked for " + wanted.diskGiB(), null);
        }
        Map<String, String> tags = AwsTags.of(spec);
        RegisterTaskDefinitionRequest.Builder request = RegisterTaskDefinitionRequest.builder()
                .family(family(spec.workloadId()))
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu(String.valueOf(size.cpuUnits()))
                .memory(String.valueOf(size.memoryMiB()))
                .runtimePlatform(p -> p.operatingSystemFamily(OSFamily.LINUX).cpuArchitecture(CPUArchitecture.X86_64))
                .containerDefinitions(container(spec, options.target()))
                .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList());
        if (wanted.diskGiB() > 0) {
            // Asking for less than the default is not possible; the smallest explicit size is 21 GiB.
            request.ephemeralStorage(e -> e.sizeInGiB((int) Math.max(FARGATE_DEFAULT_DISK_GIB + 1, wanted.diskGiB())));
        }
        options.executionRoleArn().ifPresent(request::executionRoleArn);
        try {
            var response = ecs.registerTaskDefinition(request.build());
            return new Registered(response.taskDefinition(), tags);
        } catch (RuntimeException e) {
            throw errors.classify("register task definition " + family(spec.workloadId()), e);
        }
    }

    private static ContainerDefinition container(WorkloadSpec spec, String target) {
        ContainerDefinition.Builder container = ContainerDefinition.builder()
                .name(CONTAINER)
                .image(AwsImages.containerReference(target, spec.image()))
                .essential(true)
                .environment(spec.env().entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList());
        if (spec.resources().milliCpu() > 0) {
            container.cpu(FargateSize.cpuUnits(spec.resources().milliCpu()));
        }
        if (spec.resources().memoryMiB() > 0) {
            container.memory((int) spec.resources().memoryMiB());
        }
        if (!spec.command().isEmpty()) {
            container.command(spec.command());
        }
        // ECS restarts a container inside its task (the task itself cannot be restarted).
        if (spec.restartPolicy() == RestartPolicy.ALWAYS) {
            container.restartPolicy(p -> p.enabled(true));
        } else if (spec.restartPolicy() == RestartPolicy.ON_FAILURE) {
            container.restartPolicy(p -> p.enabled(true).ignoredExitCodes(0));
        }
        return container.build();
    }

    /** Deregisters every ACTIVE revision of the workload's family, then deletes them all. */
    void deleteFamily(UUID workloadId) {
        String family = family(workloadId);
        try {
            for (String arn : revisions(family, TaskDefinitionStatus.ACTIVE)) {
                ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn));
            }
            List<String> inactive = revisions(family, TaskDefinitionStatus.INACTIVE);
            for (int from = 0; from < inactive.size(); from += 10) { // DeleteTaskDefinitions takes 10 at a time
                List<String> batch = inactive.subList(from, Math.min(inactive.size(), from + 10));
                ecs.deleteTaskDefinitions(r -> r.taskDefinitions(batch));
            }
        } catch (RuntimeException e) {
            throw errors.classify("delete task definition " + family, e);
        }
    }

    /** Families of Berth workloads that still exist (an ACTIVE revision). */
    List<String> activeFamilies() {
        try {
            List<String> families = new ArrayList<>();
            ecs.listTaskDefinitionFamiliesPaginator(r -> r.familyPrefix("berth-")
                    .status(TaskDefinitionFamilyStatus.ACTIVE)).families().forEach(families::add);
            return families;
        } catch (RuntimeException e) {
            throw errors.classify("list task definition families", e);
        }
    }

    private List<String> revisions(String family, TaskDefinitionStatus status) {
        return ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix(family).status(status)).taskDefinitionArns().stream()
                .filter(arn -> familyOf(arn).equals(family))
                .toList();
    }
}
