package dev.berth.broker.identity;

import dev.berth.broker.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/** Application service behind {@code GET /v1/me} and gRPC {@code Identity.WhoAmI}. */
@ApplicationScoped
public class IdentityService {

    private final PrincipalRegistry principals;

    IdentityService(PrincipalRegistry principals) {
        this.principals = principals;
    }

    public CallerIdentity whoAmI(Caller caller) {
        return new CallerIdentity(caller, principals.recordSeen(caller));
    }
}
