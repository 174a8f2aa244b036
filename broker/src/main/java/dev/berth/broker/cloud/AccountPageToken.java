package dev.berth.broker.cloud;

import java.util.Optional;

import dev.berth.broker.db.PageTokens;

/** Paging cursor of the account list: the last name of a page (accounts are listed by name), opaque to clients. */
final class AccountPageToken {

    private AccountPageToken() {
    }

    static String encode(String lastName) {
        return PageTokens.encode("ca", lastName);
    }

    static Optional<String> decode(String token, String field) {
        return PageTokens.decode(token, "ca", field);
    }
}
