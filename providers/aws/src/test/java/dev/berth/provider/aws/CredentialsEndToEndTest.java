package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.aws.emulator.Views;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of credentials reference, followed to the requests it produces: which access key
 * signed them. The keys are the emulator's fake ones; real AWS is never involved (the build
 * points the SDK's config files at nothing and disables instance metadata, see the pom).
 */
class CredentialsEndToEndTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/berth/BrokerAccess";
    private static final String PROFILE_KEY = "AKIABERTHPROFILE0001";

    private AwsEmulator aws;

    @BeforeEach
    void startAws() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stopAws() {
        aws.close();
    }

    @Test
    void defaultChainSignsWithTheKeyOfTheEnvironment() {
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            assertThat(driver.probe().healthy()).isTrue();
        }
        assertThat(aws.requests()).extracting(Views.Request::accessKeyId).containsOnly(AwsEmulator.ACCESS_KEY_ID);
    }

    @Test
    void aNamedProfileSignsWithThatProfilesKey(@TempDir Path home) throws IOException {
        aws.addAccessKey(PROFILE_KEY, "profile-secret");
        Path credentials = home.resolve("credentials");
        Files.writeString(credentials, "[berth-test]\naws_access_key_id = " + PROFILE_KEY
                + "\naws_secret_access_key = profile-secret\n");
        String previous = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("credentials", "profile:berth-test"))) {
            assertThat(driver.probe().healthy()).isTrue();
            assertThat(driver.inventory().facts()).containsEntry("credentials", "profile:berth-test");
        } finally {
            System.setProperty("aws.sharedCredentialsFile", previous);
        }
        assertThat(aws.requests()).extracting(Views.Request::accessKeyId).containsOnly(PROFILE_KEY);
    }

    @Test
    void anUnknownProfileIsPermanent() {
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("credentials", "profile:nobody"))) {
            assertThat(driver.probe().healthy()).isFalse();
            assertThatThrownBy(driver::list).isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("nobody");
        }
        assertThat(aws.requests()).isEmpty();
    }

    @Test
    void aRoleIsAssumedThroughStsAndItsSessionSignsTheWork() {
        aws.allowRole(ROLE, Optional.of("berth-ext-7"));

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("credentials", "role:" + ROLE,
                "externalId", "berth-ext-7"))) {
            HostHealth health = driver.probe();
            assertThat(health.healthy()).as(health.detail()).isTrue();
            driver.list();
        }

        Views.Request assume = aws.requests().get(0);
        assertThat(assume.service()).isEqualTo("sts");
        assertThat(assume.accessKeyId()).isEqualTo(AwsEmulator.ACCESS_KEY_ID);
        assertThat(assume.params()).containsEntry("RoleArn", ROLE).containsEntry("ExternalId", "berth-ext-7")
                .containsEntry("RoleSessionName", "berth-us-east-1");
        assertThat(aws.requests()).filteredOn(r -> !r.service().equals("sts")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.accessKeyId()).startsWith("ASIA"));
        assertThat(aws.count("AssumeRole")).as("the session is cached, not assumed per call").isEqualTo(1);
    }

    @Test
    void aRoleThatMayNotBeAssumedIsPermanentWithStsMessage() {
        aws.allowRole(ROLE, Optional.of("berth-ext-7"));

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("credentials", "role:" + ROLE,
                "externalId", "wrong"))) {
            assertThat(driver.probe().healthy()).isFalse();
            assertThat(driver.probe().detail()).contains("AccessDenied");
            assertThatThrownBy(driver::list).isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("sts:AssumeRole").hasMessageContaining(ROLE);
        }
    }

    @Test
    void keysAwsDoesNotKnowArePermanentAuthFailures(@TempDir Path home) throws IOException {
        Path credentials = home.resolve("credentials");
        Files.writeString(credentials, "[stale]\naws_access_key_id = AKIASTALEKEY00000001\naws_secret_access_key = x\n");
        String previous = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("credentials", "profile:stale", "kinds", "vm"))) {
            assertThatThrownBy(driver::list).isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("AuthFailure")
                    .hasMessageContaining("AWS was not able to validate the provided access credentials");
        } finally {
            System.setProperty("aws.sharedCredentialsFile", previous);
        }
    }
}
