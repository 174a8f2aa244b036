package dev.berth.broker.serviceaccounts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.berth.tenants.directory.DirectoryClient;
import dev.berth.tenants.directory.DirectoryUser;
import dev.berth.tenants.directory.DirectoryClients;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.Role;
import dev.berth.broker.tenants.TenantScope;
import dev.berth.tenants.directory.DirectoryException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Service accounts of a tenant, all in Keycloak: a confidential client per program, whose
 * service-account user is in the tenant group with exactly the granted role. Secrets pass
 * through to the caller once (creation, rotation) and are never stored by Berth.
 */
@ApplicationScoped
public class ServiceAccountService {

    private final TenantScope scope;
    private final DirectoryClients clients;
    private final DirectoryUsers users;

    ServiceAccountService(TenantScope scope, DirectoryClients clients, DirectoryUsers users) {
        this.scope = scope;
        this.clients = clients;
        this.users = users;
    }

    /** A service account with its secret, for the one answer that shows it. */
    public record WithSecret(ServiceAccount account, String secret) {
    }

    public List<ServiceAccount> list(Caller caller, String tenantParam) {
        String tenant = scope.resolve(caller, tenantParam).tenant();
        return clients.tenantClients(tenant).stream().map(c -> account(tenant, c)).toList();
    }

    public WithSecret create(Caller caller, String tenantParam, String name, String description, Role role) {
        TenantScope.Scoped scoped = scope.resolveForChange(caller, tenantParam);
        String clientId = scoped.tenant() + "." + name;
        if (clients.byClientId(clientId).isPresent()) {
            throw new ServiceAccountProblems.NameTaken(name);
        }
        String id = clients.createServiceAccount(clientId, name, description, scoped.tenant());
        try {
            DirectoryUser user = clients.serviceAccountUser(id);
            users.join(user.id(), scoped.group().id());
            users.grantRealmRole(user.id(), role.claimValue());
            String secret = clients.secret(id);
            return new WithSecret(account(scoped.tenant(), owned(scoped.tenant(), id)), secret);
        } catch (BerthProblem | DirectoryException failure) {
            // Never leave a client that has no tenant or no role: undo what this call created.
            clients.delete(id);
            throw failure;
        }
    }

    /** A new secret; the old one is refused by Keycloak from now on. Allowed while suspended (a leak must be stoppable). */
    public WithSecret rotate(Caller caller, String tenantParam, String id) {
        String tenant = scope.resolve(caller, tenantParam).tenant();
        DirectoryClient client = owned(tenant, id);
        String secret = clients.regenerateSecret(client.id());
        return new WithSecret(account(tenant, owned(tenant, id)), secret);
    }

    public void delete(Caller caller, String tenantParam, String id) {
        String tenant = scope.resolve(caller, tenantParam).tenant();
        clients.delete(owned(tenant, id).id());
    }

    /** The client, if it is one of this tenant's service accounts; anything else is "not found". */
    private DirectoryClient owned(String tenant, String id) {
        return clients.byId(id)
                .filter(c -> c.clientId().startsWith(tenant + "."))
                .filter(c -> c.attribute(DirectoryClients.TENANT_ATTRIBUTE).filter(tenant::equals).isPresent())
                .orElseThrow(() -> new ServiceAccountProblems.NotFound(id));
    }

    private ServiceAccount account(String tenant, DirectoryClient c) {
        DirectoryUser user = clients.serviceAccountUser(c.id());
        String role = users.realmRoles(user.id()).contains(Role.TENANT_ADMIN.claimValue())
                ? Role.TENANT_ADMIN.claimValue() : Role.TENANT_USER.claimValue();
        Optional<java.time.OffsetDateTime> secretCreated = c.attribute("client.secret.creation.time")
                .flatMap(ServiceAccountService::epochSeconds)
                .map(s -> Instant.ofEpochSecond(s).atOffset(ZoneOffset.UTC));
        return new ServiceAccount(c.id(), c.clientId().substring(tenant.length() + 1), c.clientId(), c.description(),
                role, secretCreated);
    }

    private static Optional<Long> epochSeconds(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
