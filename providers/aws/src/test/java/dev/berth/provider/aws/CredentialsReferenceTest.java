package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.ProviderException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing the {@code credentials} option: references only, and a rejected value is never echoed. */
class CredentialsReferenceTest {

    @Test
    void defaultChainProfileAndRoleAreReferences() {
        assertThat(CredentialsReference.parse("default", Optional.empty()))
                .isEqualTo(new CredentialsReference.DefaultChain());
        assertThat(CredentialsReference.parse("profile:berth-prod", Optional.empty()))
                .isEqualTo(new CredentialsReference.Profile("berth-prod"));
        assertThat(CredentialsReference.parse("role:arn:aws:iam::123456789012:role/berth/Broker", Optional.of("ext-42")))
                .isEqualTo(new CredentialsReference.AssumeRole("arn:aws:iam::123456789012:role/berth/Broker",
                        Optional.of("ext-42")));
        assertThat(CredentialsReference.parse("role:arn:aws-us-gov:iam::123456789012:role/Broker", Optional.empty()))
                .isInstanceOf(CredentialsReference.AssumeRole.class);
    }

    @Test
    void referencesPrintWithoutSecrets() {
        assertThat(CredentialsReference.parse("role:arn:aws:iam::123456789012:role/Broker", Optional.of("ext-42")))
                .hasToString("role:arn:aws:iam::123456789012:role/Broker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"profile:", "profile:has space", "role:arn:aws:iam::12:role/Short",
            "role:arn:aws:iam::123456789012:user/Bob", "env", ""})
    void anythingElseIsPermanent(String value) {
        assertThatThrownBy(() -> CredentialsReference.parse(value, Optional.empty()))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("never keys");
    }

    /** Someone pastes a key pair where the reference goes: the error must not put it in a log. */
    @ParameterizedTest
    @ValueSource(strings = {"AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})
    void aPastedKeyIsRefusedWithoutEchoingIt(String value) {
        assertThatThrownBy(() -> CredentialsReference.parse(value, Optional.empty()))
                .isInstanceOf(ProviderException.Permanent.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AKIA").doesNotContain("wJalr"));
    }

    @Test
    void externalIdBelongsToARole() {
        assertThatThrownBy(() -> CredentialsReference.parse("profile:berth", Optional.of("ext-42")))
                .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("externalId");
        assertThatThrownBy(() -> CredentialsReference.parse("role:arn:aws:iam::123456789012:role/Broker",
                Optional.of("has space"))).isInstanceOf(ProviderException.Permanent.class);
    }
}
