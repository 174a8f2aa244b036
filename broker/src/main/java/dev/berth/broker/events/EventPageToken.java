package dev.berth.broker.events;

import dev.berth.broker.db.PageTokens;
import dev.berth.broker.problems.InvalidRequest;

/** Paging cursor of event lists (events are listed by id), through the one {@link PageTokens} codec. */
public final class EventPageToken {

    private static final String LIST = "ev";

    private EventPageToken() {
    }

    /** The token of the page after the event {@code lastId}. */
    public static String after(long lastId) {
        return PageTokens.encode(LIST, Long.toString(lastId));
    }

    /** The id a token continues after; 0 (from the first event) for no token. */
    public static long cursor(String token, String field) {
        return PageTokens.decode(token, LIST, field).map(key -> {
            try {
                return Long.parseLong(key);
            } catch (NumberFormatException e) {
                throw new InvalidRequest(field, "not a page token issued by this API");
            }
        }).orElse(0L);
    }
}
