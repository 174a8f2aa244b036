package dev.berth.broker.members;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Member management settings ({@code berth.members.*}). */
@ConfigMapping(prefix = "berth.members")
public interface MembersSettings {

    /** How long an invitation can be accepted; after that its token answers 404 and it is not listed. */
    @WithDefault("7D")
    Duration invitationTtl();
}
