package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * Launching a VM's instance: one {@code RunInstances} per (instance type, subnet) until EC2
 * has capacity, each with its own deterministic client token. What is asked for: the AMI, the
 * type, tags on the instance and its volumes, the user data script, IMDSv2, the root volume
 * size, the network, the instance profile and key pair of the target.
 */
final class Ec2Launcher {

    private final AwsOptions options;
    private final Ec2Client ec2;
    private final AwsErrors errors;

    Ec2Launcher(AwsOptions options, Ec2Client ec2, AwsErrors errors) {
        this.options = options;
        this.ec2 = ec2;
        this.errors = errors;
    }

    /**
     * Tries each fitting type, cheapest first, in each subnet (zone) in turn, until EC2 has
     * capacity. Attempt {@code n} uses client token {@code <uuid>} for n = 0 and
     * {@code <uuid>-<n>} after, so the same sequence replays to the same instance.
     */
    Instance launch(WorkloadSpec spec, Image image, List<PriceCatalogue.InstanceType> types) {
        String userData = UserData.encoded(spec);
        List<Tag> tags = AwsTags.of(spec).entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
        List<Optional<String>> subnets = options.subnetIds().isEmpty()
                ? List.of(Optional.empty()) : options.subnetIds().stream().map(Optional::of).toList();
        List<String> noCapacity = new ArrayList<>();
        int attempt = 0;
        for (PriceCatalogue.InstanceType type : types) {
            for (Optional<String> subnet : subnets) {
                String token = attempt == 0 ? spec.workloadId().toString() : spec.workloadId() + "-" + attempt;
                attempt++;
                RunInstancesRequest request = runRequest(spec, image, type, subnet, token, userData, tags);
                try {
                    return ec2.runInstances(request).instances().get(0);
                } catch (AwsServiceException e) {
                    String code = AwsErrors.code(e);
                    if (AwsErrors.CAPACITY.contains(code)) {
                        noCapacity.add(type.name() + subnet.map(s -> " in " + s).orElse("") + " (" + code + ")");
                        continue;
                    }
                    if (code.startsWith("InvalidAMIID")) {
                        throw new ProviderException.Permanent(options.target() + ": image " + spec.image().display() + " ("
                                + image.imageId() + ") cannot be launched: " + AwsErrors.reason(e), e);
                    }
                    throw errors.classify("run " + type.name() + " instance for " + spec.providerName(), e);
                } catch (RuntimeException e) {
                    throw errors.classify("run " + type.name() + " instance for " + spec.providerName(), e);
                }
            }
        }
        throw new ProviderException.Transient(options.target() + ": EC2 has no capacity for any fitting instance type: "
                + String.join(", ", noCapacity) + "; retry later", null);
    }

    private RunInstancesRequest runRequest(WorkloadSpec spec, Image image, PriceCatalogue.InstanceType type,
                                           Optional<String> subnet, String token, String userData, List<Tag> tags) {
        RunInstancesRequest.Builder run = RunInstancesRequest.builder()
                .imageId(image.imageId())
                .instanceType(type.name())
                .minCount(1)
                .maxCount(1)
                .clientToken(token)
                .userData(userData)
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.STOP)
                .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED))
                .tagSpecifications(
                        TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build(),
                        TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tags).build());
        subnet.ifPresent(run::subnetId);
        if (!options.securityGroupIds().isEmpty()) {
            run.securityGroupIds(options.securityGroupIds());
        }
        if (spec.resources().diskGiB() > 0) {
            run.blockDeviceMappings(BlockDeviceMapping.builder().deviceName(image.rootDeviceName())
                    .ebs(ebs -> ebs.volumeSize((int) spec.resources().diskGiB()).volumeType(VolumeType.GP3)
                            .deleteOnTermination(true))
                    .build());
        }
        options.instanceProfile().ifPresent(profile -> run.iamInstanceProfile(p -> {
            if (profile.startsWith("arn:")) {
                p.arn(profile);
            } else {
                p.name(profile);
            }
        }));
        options.keyName().ifPresent(run::keyName);
        return run.build();
    }
}
