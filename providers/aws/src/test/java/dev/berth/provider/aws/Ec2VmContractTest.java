package dev.berth.provider.aws;

import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.tck.ProviderContractSuite;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The provider contract for VMs, snapshot section included, run against the local AWS
 * emulator. Markers live on the instance's root volume (the emulator's stand-in for a file
 * written inside the VM), so the revert tests check that the right AMI's content came back.
 */
class Ec2VmContractTest extends ProviderContractSuite {

    private static AwsEmulator aws;
    private static Ec2Client ec2;

    @BeforeAll
    static void startAws() {
        aws = LocalAws.start();
        ec2 = LocalAws.ec2(aws);
    }

    @AfterAll
    static void stopAws() {
        ec2.close();
        aws.close();
    }

    @Override
    protected ProviderDriver driver() {
        return LocalAws.driver(aws, Map.of());
    }

    @Override
    protected ProviderDriver unreachableDriver() {
        return LocalAws.unreachable(Map.of());
    }

    @Override
    protected ImageSource runnableImage() {
        return new ImageSource.PlatformImage("debian-12", "debian-12");
    }

    @Override
    protected List<String> longRunningCommand() {
        return List.of(); // a VM runs until stopped
    }

    @Override
    protected ImageSource missingImage() {
        return new ImageSource.PlatformImage("missing", "tck-no-such-os-family");
    }

    @Override
    protected WorkloadKind kind() {
        return WorkloadKind.VM;
    }

    /** Exactly a t3.micro (the cheapest type that fits) with the image's 8 GiB root volume. */
    @Override
    protected Resources limits() {
        return new Resources(2000, 1024, 8);
    }

    @Override
    protected void deleteOutOfBand(UUID workloadId) {
        ec2.terminateInstances(r -> r.instanceIds(LocalAws.instanceOf(aws, workloadId).instanceId()));
    }

    @Override
    protected Optional<ForeignObject> createForeignObject() {
        String id = ec2.runInstances(r -> r.imageId(LocalAws.DEBIAN_AMI).instanceType("t3.nano").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        return Optional.of(new ForeignObject() {
            @Override
            public String handle() {
                return id;
            }

            @Override
            public void close() {
                ec2.terminateInstances(r -> r.instanceIds(id));
            }
        });
    }

    @Override
    protected boolean supportsMarkers() {
        return true;
    }

    @Override
    protected void writeMarker(UUID workloadId, String value) {
        aws.writeFile(LocalAws.instanceOf(aws, workloadId).instanceId(), "/marker", value);
    }

    @Override
    protected Optional<String> readMarker(UUID workloadId) {
        return aws.readFile(LocalAws.instanceOf(aws, workloadId).instanceId(), "/marker");
    }
}
