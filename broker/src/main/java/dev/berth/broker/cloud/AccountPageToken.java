package dev.berth.broker.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.berth.broker.problems.InvalidRequest;

/** Paging cursor of the account list: the last name of a page (accounts are listed by name), opaque to clients. */
final class AccountPageToken {

    private AccountPageToken() {
    }

    static String encode(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("ca|" + lastName).getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> decode(String token, String field) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("ca|")) {
                return Optional.of(decoded.substring(3));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidRequest(field, "not a page token issued by this API");
    }
}
