package dev.berth.provider.aws;

import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import dev.berth.provider.tck.ProviderContractSuite;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * The provider contract for containers on ECS Fargate, against the local AWS emulator. The
 * target is configured for containers only ({@code kinds=container}), which makes the driver
 * a plain {@code AwsDriver} without {@code SnapshotCapable} — Fargate tasks have no disk to
 * snapshot — so the suite's snapshot section is skipped here and runs in {@link Ec2VmContractTest}.
 */
class FargateContainerContractTest extends ProviderContractSuite {

    private static AwsEmulator aws;
    private static EcsClient ecs;

    @BeforeAll
    static void startAws() {
        aws = LocalAws.start();
        ecs = LocalAws.ecs(aws);
    }

    @AfterAll
    static void stopAws() {
        ecs.close();
        aws.close();
    }

    @Override
    protected ProviderDriver driver() {
        return LocalAws.driver(aws, Map.of("kinds", "container"));
    }

    @Override
    protected ProviderDriver unreachableDriver() {
        return LocalAws.unreachable(Map.of("kinds", "container"));
    }

    @Override
    protected ImageSource runnableImage() {
        return ImageSource.RegistryImage.parse(LocalAws.BUSYBOX);
    }

    @Override
    protected List<String> longRunningCommand() {
        return List.of("sleep", "3600");
    }

    @Override
    protected ImageSource missingImage() {
        return ImageSource.RegistryImage.parse("public.ecr.aws/berth-tck/no-such-image:missing");
    }

    @Override
    protected WorkloadKind kind() {
        return WorkloadKind.CONTAINER;
    }

    /** Stops the workload's tasks and deregisters and deletes its task definitions, with ECS's own API. */
    @Override
    protected void deleteOutOfBand(UUID workloadId) {
        String family = WorkloadSpec.providerName(workloadId);
        ecs.listTasksPaginator(r -> r.family(family).desiredStatus(DesiredStatus.RUNNING)).taskArns()
                .forEach(arn -> ecs.stopTask(r -> r.task(arn)));
        List<String> revisions = ecs.listTaskDefinitions(r -> r.familyPrefix(family)).taskDefinitionArns();
        revisions.forEach(arn -> ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn)));
        ecs.deleteTaskDefinitions(r -> r.taskDefinitions(ecs.listTaskDefinitions(l -> l.familyPrefix(family)
                .status(TaskDefinitionStatus.INACTIVE)).taskDefinitionArns()));
    }

    /** A task of a family Berth did not register, without Berth's tags. */
    @Override
    protected Optional<ForeignObject> createForeignObject() {
        String family = "tck-foreign-" + UUID.randomUUID();
        String definition = ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(
                        software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                .networkMode(software.amazon.awssdk.services.ecs.model.NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("foreign").image(LocalAws.BUSYBOX).essential(true)))
                .taskDefinition().taskDefinitionArn();
        String task = ecs.runTask(r -> r.taskDefinition(definition).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(LocalAws.SUBNET_A))))
                .tasks().get(0).taskArn();
        return Optional.of(new ForeignObject() {
            @Override
            public String handle() {
                return definition;
            }

            @Override
            public void close() {
                ecs.stopTask(r -> r.task(task));
                ecs.deregisterTaskDefinition(r -> r.taskDefinition(definition));
            }
        });
    }
}
