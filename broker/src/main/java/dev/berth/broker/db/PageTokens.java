package dev.berth.broker.db;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.berth.broker.problems.InvalidRequest;

/**
 * The one codec of page tokens: the sort key of a page's last item, tagged with the list it
 * belongs to and base64url-encoded, so clients treat it as opaque and a token of one list is
 * refused by another. Lists page by keyset (not offset) so pages stay correct while rows are
 * inserted concurrently.
 */
public final class PageTokens {

    private static final String SEPARATOR = "|";

    private PageTokens() {
    }

    /** The token after the item whose sort key is {@code key}, for the list tagged {@code list}. */
    public static String encode(String list, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + SEPARATOR + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort key a token carries; empty for no token (the first page).
     *
     * @throws InvalidRequest naming {@code field} when the token is not one this API issued for {@code list}
     */
    public static Optional<String> decode(String token, String list, String field) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(list + SEPARATOR)) {
                return Optional.of(decoded.substring(list.length() + SEPARATOR.length()));
            }
        } catch (IllegalArgumentException e) {
            // not base64url: refused below
        }
        throw new InvalidRequest(field, "not a page token issued by this API");
    }
}
