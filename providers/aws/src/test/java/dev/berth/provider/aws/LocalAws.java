package dev.berth.provider.aws;

import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.aws.emulator.Views;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The test account: a local {@link AwsEmulator} on 127.0.0.1 with the images the tests use,
 * drivers pointed at it (never at AWS: every driver here has an endpoint override and region
 * {@value #REGION}), and plain SDK clients for "out of band" changes made with AWS's own API.
 */
final class LocalAws {

    static final String REGION = "us-east-1";
    static final String ENDPOINT = "aws://" + REGION;
    static final String DEBIAN_AMI = "ami-0d1e2b3a4c5f60718";
    static final String AL2023_AMI = "ami-0a11b22c33d44e550";
    static final String AL2023_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    static final String BUSYBOX = "public.ecr.aws/docker/library/busybox:1.36";
    static final String SUBNET_A = "subnet-0aaaaaaaaaaaaaaa1";
    static final String SUBNET_B = "subnet-0bbbbbbbbbbbbbbb2";
    static final String SECURITY_GROUP = "sg-0ccccccccccccccc3";

    private LocalAws() {
    }

    /** A fresh emulated account with a Debian AMI (8 GiB root), Amazon Linux behind SSM, busybox pullable. */
    static AwsEmulator start() {
        return AwsEmulator.start(REGION)
                .stepDuration(Duration.ofMillis(50))
                .registerImage(DEBIAN_AMI, "debian-12-amd64", "x86_64", 8)
                .registerImage(AL2023_AMI, "al2023-ami-2023.6", "x86_64", 8)
                .putParameter(AL2023_PARAMETER, AL2023_AMI)
                .registerContainerImage(BUSYBOX);
    }

    /** Options every test driver has: the emulator, fast polling and retries, the test network. */
    static Map<String, String> options(AwsEmulator aws) {
        Map<String, String> options = new HashMap<>();
        options.put("endpointOverride", aws.endpoint().toString());
        options.put("subnetIds", SUBNET_A + "," + SUBNET_B);
        options.put("securityGroupIds", SECURITY_GROUP);
        options.put("amis", "debian-12=" + DEBIAN_AMI);
        options.put("pollIntervalMillis", "25");
        options.put("retryBaseDelayMillis", "10");
        options.put("throttleBaseDelayMillis", "20");
        options.put("waitTimeoutSeconds", "30");
        options.put("imageTimeoutSeconds", "30");
        return options;
    }

    static ProviderDriver driver(AwsEmulator aws, Map<String, String> overrides) {
        Map<String, String> options = options(aws);
        options.putAll(overrides);
        return new AwsDriverFactory().open(new HostConnection(AwsDriverFactory.TYPE, ENDPOINT, options));
    }

    /** Port 1 on loopback: nothing listens, connections are refused at once. */
    static ProviderDriver unreachable(Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(Map.of("endpointOverride", "http://127.0.0.1:1",
                "subnetIds", SUBNET_A, "maxAttempts", "2", "retryBaseDelayMillis", "10", "probeTimeoutSeconds", "2"));
        options.putAll(overrides);
        return new AwsDriverFactory().open(new HostConnection(AwsDriverFactory.TYPE, ENDPOINT, options));
    }

    static Ec2Client ec2(AwsEmulator aws) {
        return Ec2Client.builder().endpointOverride(aws.endpoint()).region(Region.of(REGION))
                .credentialsProvider(staticCredentials()).httpClient(ApacheHttpClient.create()).build();
    }

    static EcsClient ecs(AwsEmulator aws) {
        return EcsClient.builder().endpointOverride(aws.endpoint()).region(Region.of(REGION))
                .credentialsProvider(staticCredentials()).httpClient(ApacheHttpClient.create()).build();
    }

    static StaticCredentialsProvider staticCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID,
                AwsEmulator.SECRET_ACCESS_KEY));
    }

    /** The live (not terminated) instance the emulator holds for a workload. */
    static Views.Instance instanceOf(AwsEmulator aws, UUID workloadId) {
        return aws.instances().stream()
                .filter(i -> workloadId.toString().equals(i.tags().get(AwsTags.WORKLOAD)))
                .filter(i -> !i.state().equals("terminated") && !i.state().equals("shutting-down"))
                .findFirst().orElseThrow(() -> new AssertionError("no instance for workload " + workloadId));
    }

    static long instancesOf(AwsEmulator aws, UUID workloadId) {
        return aws.instances().stream().filter(i -> workloadId.toString().equals(i.tags().get(AwsTags.WORKLOAD))).count();
    }
}
