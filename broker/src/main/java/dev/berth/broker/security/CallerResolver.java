package dev.berth.broker.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the verified security identity of a request into a {@link Caller}. The one place
 * that knows Berth's token claim layout, shared by the REST and gRPC adapters.
 */
@ApplicationScoped
public class CallerResolver {

    /** Claim carrying the tenant slug; set by the realm's {@code berth-api} client scope. */
    static final String TENANT_CLAIM = "tenant";
    /** Keycloak names service-account users {@code service-account-<clientId>}. */
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public Caller resolve(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        String username = Optional.ofNullable(jwt.<String>getClaim("preferred_username")).orElse(jwt.getSubject());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : identity.getRoles()) {
            Role.fromClaimValue(role).ifPresent(roles::add);
        }
        return new Caller(
                jwt.getSubject(),
                username,
                Optional.ofNullable(jwt.<String>getClaim(TENANT_CLAIM)).filter(t -> !t.isBlank()),
                Optional.ofNullable(jwt.<String>getClaim("azp")).orElse(""),
                username.startsWith(SERVICE_ACCOUNT_PREFIX),
                roles);
    }
}
