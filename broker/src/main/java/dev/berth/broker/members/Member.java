package dev.berth.broker.members;

import java.util.List;
import java.util.Set;

import dev.berth.tenants.directory.DirectoryUser;

/** A person of a tenant: the Keycloak account and the Berth roles it holds. */
public record Member(DirectoryUser user, Set<String> roles) {

    public Member {
        roles = Set.copyOf(roles);
    }

    public List<String> sortedRoles() {
        return roles.stream().sorted().toList();
    }
}
