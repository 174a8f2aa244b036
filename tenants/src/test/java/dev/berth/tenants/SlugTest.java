package dev.berth.tenants;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "acme", "acme-2", "a-b-c", "0a", "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyza"})
    void acceptsDnsLabels(String slug) {
        assertThat(Slug.isValid(slug)).as(slug).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Acme", "-acme", "acme-", "ac_me", "ac.me", "ac me", "é-corp",
            "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyzab"})
    void refusesEverythingElse(String slug) {
        assertThat(Slug.isValid(slug)).as(slug).isFalse();
    }

    @org.junit.jupiter.api.Test
    void nullIsNotASlug() {
        assertThat(Slug.isValid(null)).isFalse();
    }
}
