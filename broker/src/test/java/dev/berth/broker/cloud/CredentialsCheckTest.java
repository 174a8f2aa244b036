package dev.berth.broker.cloud;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What may be stored as a cloud account's credentials: references only, and no key ever repeated back. */
class CredentialsCheckTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "-", value = {
            "default, -",
            "profile:berth-prod, -",
            "profile:secrets-reader, -",
            "role:arn:aws:iam::123456789012:role/berth-broker, -",
            "role:arn:aws:iam::123456789012:role/SecretsRole, ext-0123",
            "role:arn:aws-us-gov:iam::123456789012:role/path/berth, -"})
    void referencesAreAccepted(String reference, String externalId) {
        assertThat(CredentialsCheck.reference(reference, Optional.ofNullable(externalId))).isEqualTo(reference);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "-", value = {
            "AKIAIOSFODNN7EXAMPLE, -",
            "ASIAIOSFODNN7EXAMPLE, -",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, -",
            "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, -",
            "profile:AKIAIOSFODNN7EXAMPLE, -",
            "aws_secret_access_key=abc, -",
            "role:arn:aws:iam::123456789012:role/berth, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "keys please, -",
            "role:not-an-arn, -",
            "default, ext-0123",
            "profile:bad name, -"})
    void anythingElseIsRefusedWithoutEchoingIt(String value, String externalId) {
        CloudAccountProblems.CredentialsInvalid e = catchThrowableOfType(CloudAccountProblems.CredentialsInvalid.class,
                () -> CredentialsCheck.reference(value, Optional.ofNullable(externalId)));
        assertThat(e).isNotNull();
        assertThat(e.code().code()).isEqualTo("cloud_account.credentials_invalid");
        assertThat(e.getMessage()).doesNotContain(value);
        if (externalId != null) {
            assertThat(e.getMessage()).doesNotContain(externalId);
        }
    }
}
