package dev.berth.broker.identity;

import java.time.OffsetDateTime;

import dev.berth.broker.security.Caller;

/** The answer to "who am I": the caller as resolved from its token, and when Berth first saw it. */
public record CallerIdentity(Caller caller, OffsetDateTime firstSeenAt) {
}
