package dev.berth.cli.auth;

/** One poll of the token endpoint during a device login (RFC 8628 §3.5). */
public sealed interface DevicePoll {

    /** {@code authorization_pending}: the person has not approved yet; poll again after the interval. */
    record Pending() implements DevicePoll {
    }

    /** {@code slow_down}: poll again, 5 seconds slower from now on. */
    record SlowDown() implements DevicePoll {
    }

    record Granted(TokenSet tokens) implements DevicePoll {
    }

    /** {@code access_denied}, {@code expired_token} or another error: the login is over. */
    record Refused(String error, String description) implements DevicePoll {
    }
}
