package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.WorkloadKind;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Opening drivers: discovery, option parsing, laziness, inventory and probe. */
class AwsDriverFactoryTest {

    private static AwsEmulator aws;

    @BeforeAll
    static void startAws() {
        aws = LocalAws.start();
    }

    @AfterAll
    static void stopAws() {
        aws.close();
    }

    @Test
    void isDiscoveredAsTheAwsDriverType() {
        assertThat(ServiceLoader.load(ProviderDriverFactory.class)).extracting(ProviderDriverFactory::driver)
                .contains("aws");
    }

    @Test
    void openingDoesNotCallAwsNotEvenStsForARole() {
        long before = aws.requests().size();

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("credentials",
                "role:arn:aws:iam::123456789012:role/NotAllowed"))) {
            assertThat(aws.requests()).hasSize((int) before);
            assertThat(driver.probe().healthy()).isFalse();
        }
    }

    @Test
    void aTargetThatRunsVmsTakesSnapshotsAContainersOnlyOneDoesNot() {
        try (ProviderDriver mixed = LocalAws.driver(aws, Map.of());
             ProviderDriver vms = LocalAws.driver(aws, Map.of("kinds", "vm"));
             ProviderDriver containers = LocalAws.driver(aws, Map.of("kinds", "container"))) {
            assertThat(mixed).isInstanceOf(SnapshotCapable.class);
            assertThat(vms).isInstanceOf(SnapshotCapable.class);
            assertThat(containers).isNotInstanceOf(SnapshotCapable.class);
            assertThat(containers.inventory().supportedKinds()).containsExactly(WorkloadKind.CONTAINER);
        }
    }

    @Test
    void inventoryIsTheAccountLimitsCheckedAgainstAws() {
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("maxVcpu", "64", "maxInstances", "40",
                "maxMemoryMiB", "262144"))) {
            HostInventory inventory = driver.inventory();

            assertThat(inventory.capacity()).isEqualTo(new Resources(64_000, 262_144, 0));
            assertThat(inventory.supportedKinds()).containsExactlyInAnyOrder(WorkloadKind.VM, WorkloadKind.CONTAINER);
            assertThat(inventory.version()).startsWith("AWS SDK for Java 2.");
            assertThat(inventory.facts()).containsEntry("region", "us-east-1").containsEntry("maxInstances", "40")
                    .containsEntry("zones", "us-east-1a,us-east-1b,us-east-1c")
                    .containsEntry("cluster", "default ACTIVE").containsEntry("credentials", "default");
        }
    }

    @Test
    void defaultsAreSensibleLimitsBothKindsAndTheDefaultCluster() {
        AwsOptions options = AwsOptions.from(new HostConnection("aws", "aws://eu-west-1", Map.of()), DestinationPolicy.defaults());

        assertThat(options.region()).isEqualTo("eu-west-1");
        assertThat(options.kinds()).isEqualTo(Set.of(WorkloadKind.VM, WorkloadKind.CONTAINER));
        assertThat(options.cluster()).isEqualTo("default");
        assertThat(options.endpointOverride()).isEmpty();
        assertThat(options.credentials()).isEqualTo(new CredentialsReference.DefaultChain());
        // 32 vCPU at the catalogue's richest memory per vCPU (m6i: 4 GiB)
        assertThat(options.limits()).isEqualTo(new AwsOptions.AccountLimits(32, 20, 32 * 4096));
        assertThat(options.calls().maxAttempts()).isEqualTo(5);
        assertThat(options.calls().throttleBaseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.waits().pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.amis()).containsKeys("amazon-linux-2023", "ubuntu-24.04", "debian-12");
    }

    @Test
    void anUnreachableEndpointProbesUnhealthyAndIsTransient() {
        try (ProviderDriver driver = LocalAws.unreachable(Map.of())) {
            assertThat(driver.probe().healthy()).isFalse();
            assertThat(driver.probe().detail()).contains("aws us-east-1");
            assertThatThrownBy(driver::list).isInstanceOf(ProviderException.Transient.class);
            assertThatThrownBy(driver::inventory).isInstanceOf(ProviderException.Transient.class);
        }
    }

    @Test
    void aMissingClusterIsPermanentAtInventoryAndUnhealthyAtProbe() {
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("cluster", "no-such-cluster"))) {
            assertThatThrownBy(driver::inventory).isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("no-such-cluster");
            assertThat(driver.probe().healthy()).isFalse();
            assertThat(driver.probe().detail()).contains("no-such-cluster");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://ec2.us-east-1.amazonaws.com", "aws://", "aws://nowhere", "us-east-1",
            "aws://US-EAST-1"})
    void malformedEndpointIsPermanent(String endpoint) {
        assertThatThrownBy(() -> new AwsDriverFactory().open(new HostConnection("aws", endpoint, Map.of())))
                .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("aws://<region>");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "regoin|eu-west-1|regoin",
            "endpointOverride|ftp://127.0.0.1:21|endpointOverride",
            "kinds|vm,lambda|kinds",
            "subnetIds|subnet-zz|subnetIds",
            "securityGroupIds|subnet-0aaaaaaaaaaaaaaa1|securityGroupIds",
            "amis|debian-12|amis",
            "amis|debian-12=debian|amis",
            "assignPublicIp|yes|assignPublicIp",
            "maxVcpu|-4|maxVcpu",
            "maxAttempts|many|maxAttempts",
            "priceCatalogue|{|priceCatalogue",
            "credentials|AKIAIOSFODNN7EXAMPLE|credentials",
            "cluster|has space|cluster",
    })
    void invalidOptionIsPermanentAndNamed(String key, String value, String named) {
        assertThatThrownBy(() -> new AwsDriverFactory().open(new HostConnection("aws", "aws://us-east-1",
                Map.of(key, value)))).isInstanceOf(ProviderException.Permanent.class).hasMessageContaining(named);
    }

    @Test
    void aRegionWithoutPricesNeedsACatalogue() {
        assertThatThrownBy(() -> new AwsDriverFactory().open(new HostConnection("aws", "aws://ap-south-2", Map.of())))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("ap-south-2").hasMessageContaining("[eu-west-1, us-east-1]")
                .hasMessageContaining("priceCatalogue");

        String catalogue = """
                {"regions": {"ap-south-2": {"instanceTypes": [{"name": "t3.micro", "vcpu": 2, "memoryMiB": 1024,
                                                              "hourlyUsd": 0.0112}]}}}""";
        AwsOptions options = AwsOptions.from(new HostConnection("aws", "aws://ap-south-2",
                Map.of("priceCatalogue", catalogue)), DestinationPolicy.defaults());
        assertThat(options.prices().instanceTypes()).extracting(PriceCatalogue.InstanceType::name)
                .containsExactly("t3.micro");
    }
}
