package dev.berth.broker.directory;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the broker reaches the Keycloak admin API ({@code berth.keycloak.*}): as the
 * confidential client {@code berth-broker}, whose service account holds only the
 * realm-management roles needed for tenants, members and service accounts.
 */
@ConfigMapping(prefix = "berth.keycloak")
public interface DirectorySettings {

    /** Base URL of the Keycloak server (not of the realm), e.g. {@code http://127.0.0.1:8180}. */
    @WithDefault("http://127.0.0.1:8180")
    String url();

    @WithDefault("berth")
    String realm();

    @WithDefault("berth-broker")
    String clientId();

    /** The client's secret; without it every directory call answers {@code identity.unavailable}. */
    Optional<String> clientSecret();

    /** Read timeout of each admin call (the Quarkus REST Client's, which the admin client library runs on). */
    @WithDefault("10S")
    Duration timeout();

    /** Name of the top-level group whose sub-groups are the tenants. */
    @WithDefault("tenants")
    String tenantsGroup();
}
