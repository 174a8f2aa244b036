package dev.berth.broker.security;

import java.util.Optional;
import java.util.Set;

/**
 * The authenticated principal of one request, as Berth sees it. Built only from a verified
 * token (see {@link CallerResolver}); the tenant in particular never comes from the request.
 *
 * @param subject        the token's {@code sub}
 * @param username       {@code preferred_username}
 * @param tenant         the {@code tenant} claim; empty for platform admins without a tenant
 * @param clientId       the OAuth client the token was issued to ({@code azp})
 * @param serviceAccount true for client-credentials service accounts (programs)
 * @param roles          the Berth roles of the token; other realm roles are ignored
 */
public record Caller(
        String subject,
        String username,
        Optional<String> tenant,
        String clientId,
        boolean serviceAccount,
        Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** The caller's tenant, for tenant-scoped operations; a tenant-less caller is refused. */
    public String requireTenant() {
        return tenant.orElseThrow(NoTenant::new);
    }
}
