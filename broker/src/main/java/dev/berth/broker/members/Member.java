package dev.berth.broker.members;

import java.util.List;
import java.util.Set;

import dev.berth.broker.keycloak.KcUser;

/** A person of a tenant: the Keycloak account and the Berth roles it holds. */
public record Member(KcUser user, Set<String> roles) {

    public Member {
        roles = Set.copyOf(roles);
    }

    public List<String> sortedRoles() {
        return roles.stream().sorted().toList();
    }
}
