package dev.berth.broker.db;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.berth.broker.problems.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTokensTest {

    @Test
    void aTokenCarriesItsSortKeyBack() {
        assertThat(PageTokens.decode(PageTokens.encode("tn", "acme|x"), "tn", "pageToken")).contains("acme|x");
        assertThat(PageTokens.decode(null, "tn", "pageToken")).isEmpty();
        assertThat(PageTokens.decode("", "tn", "pageToken")).isEmpty();

        PageToken keyset = new PageToken(OffsetDateTime.parse("2026-12-04T10:15:30.123456Z"), UUID.randomUUID());
        assertThat(PageToken.decode(keyset.encode())).contains(keyset);
    }

    @Test
    void aTokenOfAnotherListIsRefusedNamingTheField() {
        String tenants = PageTokens.encode("tn", "acme");

        assertThatThrownBy(() -> PageTokens.decode(tenants, "ca", "page_token"))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("page_token");
        assertThatThrownBy(() -> PageToken.decode(tenants)).isInstanceOf(InvalidRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "%%%", "not base64!", "dA"})
    void garbageIsRefused(String token) {
        assertThatThrownBy(() -> PageToken.decode(token))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("pageToken");
    }
}
