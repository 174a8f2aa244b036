package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.broker.idempotency.Recorder;
import dev.berth.tenants.directory.DirectoryClient;
import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryUser;
import dev.berth.tenants.directory.DirectoryClients;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.broker.operations.OperationType;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.Role;
import dev.berth.broker.workloads.WorkloadProblems;
import dev.berth.broker.workloads.WorkloadService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The end of a tenant: its workloads deleted through normal operations (cascade), then its
 * Keycloak objects removed — service-account clients, the tenant roles of its members, the
 * group — and the row left as a DELETED tombstone. Every step tolerates having been done
 * already, so the repair job can finish a deletion that Keycloak interrupted.
 */
@ApplicationScoped
public class TenantOffboarding {

    private final Database db;
    private final TenantRepository tenants;
    private final WorkloadService workloads;
    private final DirectoryGroups groups;
    private final DirectoryUsers users;
    private final DirectoryClients clients;
    private final EventLog events;

    TenantOffboarding(Database db, TenantRepository tenants, WorkloadService workloads, DirectoryGroups groups,
                      DirectoryUsers users, DirectoryClients clients, EventLog events) {
        this.db = db;
        this.tenants = tenants;
        this.workloads = workloads;
        this.groups = groups;
        this.users = users;
        this.clients = clients;
        this.events = events;
    }

    /** Queues a DELETE for every live workload of the tenant not already being deleted; how many are live. */
    public int deleteWorkloads(String slug, String actor) {
        Caller onBehalf = new Caller(actor, actor, Optional.of(slug), "berth-broker", false, java.util.Set.of(Role.TENANT_ADMIN));
        List<UUID> live = db.autoCommit(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM workload WHERE tenant = ? AND status NOT IN ('DELETED', 'FAILED') ORDER BY created_at")) {
                ps.setString(1, slug);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
        for (UUID id : live) {
            try {
                workloads.act(onBehalf, id, OperationType.DELETE, Recorder.none());
            } catch (WorkloadProblems.InvalidState | WorkloadProblems.NotFound alreadyGoing) {
                // a deletion is already queued or running: nothing to add
            }
        }
        return live.size();
    }

    /** Removes the tenant's Keycloak objects and leaves the DELETED tombstone. */
    public void finish(Tenant t, String actor) {
        Optional<DirectoryGroup> group = t.groupId().flatMap(groups::byId).or(() -> groups.byPath(t.slug()));
        for (DirectoryClient client : serviceAccountClients(t.slug())) {
            clients.delete(client.id());
        }
        if (group.isPresent()) {
            for (DirectoryUser member : groups.members(group.get().id())) {
                if (!member.serviceAccount()) {
                    users.revokeRealmRole(member.id(), Role.TENANT_ADMIN.claimValue());
                    users.revokeRealmRole(member.id(), Role.TENANT_USER.claimValue());
                }
            }
            groups.delete(group.get().id());
        }
        tombstone(t.slug(), actor);
    }

    /** The row becomes a DELETED tombstone: shown nowhere, refusing old tokens, the slug free again. */
    public void tombstone(String slug, String actor) {
        db.transaction(c -> {
            tenants.setStatus(c, slug, TenantStatus.DELETED, "deleted by " + actor);
            tenants.forgetGroup(c, slug);
            events.append(c, slug, null, null, actor, "tenant.deleted", "DELETED", Map.of());
            return null;
        });
    }

    public DirectoryUser serviceAccountUser(DirectoryClient client) {
        return clients.serviceAccountUser(client.id());
    }

    public List<DirectoryClient> serviceAccountClients(String slug) {
        return clients.tenantClients(slug);
    }
}
