package dev.berth.tenants.directory.keycloak;

import java.time.Duration;
import java.util.Optional;

/**
 * How the directory reaches Keycloak's admin API: as a confidential client (client-credentials
 * grant) whose service account holds only the realm-management roles tenants, members and
 * service accounts need.
 *
 * @param url          base URL of the Keycloak server (not of the realm), e.g. {@code http://127.0.0.1:8180}
 * @param realm        the realm the directory manages, which is also the realm the client logs in to
 * @param clientId     the confidential client the directory acts as
 * @param clientSecret its secret; without it every call answers {@code DirectoryUnavailable}
 * @param timeout      read timeout of each admin call
 * @param tenantsGroup name of the top-level group whose sub-groups are the tenants
 */
public record KeycloakConnection(String url, String realm, String clientId, Optional<String> clientSecret,
                                 Duration timeout, String tenantsGroup) {

    public boolean hasSecret() {
        return clientSecret.filter(s -> !s.isBlank()).isPresent();
    }
}
