package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.tenants.directory.DirectoryClient;
import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryClients;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.tenants.directory.TemporaryPasswords;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.tenants.directory.DirectoryException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reconciles Berth's tenants with Keycloak, on a schedule and on demand. One pass at a
 * time across all replicas (a PostgreSQL advisory lock). Per tenant state:
 * <ul>
 *   <li>ACTIVE / SUSPENDED: a missing group is recreated (with the first admin and the
 *       tenant's service accounts put back in it); a group renamed or re-labelled by hand is
 *       set right;</li>
 *   <li>PROVISIONING untouched for {@code berth.tenants.provisioning-timeout} (its request
 *       died): the saga runs again;</li>
 *   <li>FAILED with objects left in Keycloak: they are removed;</li>
 *   <li>DELETING: deletions of remaining workloads are queued again, and once none is live
 *       the Keycloak objects go.</li>
 * </ul>
 * Groups under {@code /tenants} that Berth does not manage are reported, never deleted: they
 * may be realm tenants not adopted yet (like the demo tenants) or made by another tool.
 */
@ApplicationScoped
public class TenantRepair {

    private static final Logger LOG = Logger.getLogger(TenantRepair.class);
    /** Advisory lock key of the repair pass ("tenants" in ASCII). */
    private static final long LOCK_KEY = 0x74656e616e7473L;

    private final Database db;
    private final TenantRepository tenants;
    private final TenantProvisioning provisioning;
    private final TenantOffboarding offboarding;
    private final DirectoryGroups groups;
    private final DirectoryUsers users;
    private final EventLog events;
    private final Duration provisioningTimeout;

    TenantRepair(Database db, TenantRepository tenants, TenantProvisioning provisioning, TenantOffboarding offboarding,
                 DirectoryGroups groups, DirectoryUsers users, EventLog events,
                 @ConfigProperty(name = "berth.tenants.provisioning-timeout", defaultValue = "2M") Duration provisioningTimeout) {
        this.db = db;
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.offboarding = offboarding;
        this.groups = groups;
        this.users = users;
        this.events = events;
        this.provisioningTimeout = provisioningTimeout;
    }

    public record Action(String tenant, String action, String detail) {
    }

    public record Unmanaged(String path, String groupId, Optional<String> tenantClaim) {
    }

    public record Report(int checked, List<Action> actions, List<Unmanaged> unmanaged) {
    }

    @Scheduled(every = "${berth.tenants.repair-interval:30s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Report report = repair();
            if (!report.actions().isEmpty()) {
                LOG.infof("Tenant repair: %s", report.actions());
            }
        } catch (BerthProblem | DirectoryException e) {
            LOG.warnf("Tenant repair skipped: %s", e.getMessage());
        }
    }

    /** One pass; when another replica is running one, an empty report. */
    public Report repair() {
        return db.autoCommit(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return new Report(0, List.of(), List.of());
                    }
                }
            }
            try {
                return pass();
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, LOCK_KEY);
                    unlock.execute();
                }
            }
        });
    }

    private Report pass() {
        List<DirectoryGroup> found = groups.tenantGroups();
        List<Tenant> managed = new ArrayList<>();
        for (TenantStatus s : List.of(TenantStatus.ACTIVE, TenantStatus.SUSPENDED, TenantStatus.PROVISIONING,
                TenantStatus.FAILED, TenantStatus.DELETING)) {
            managed.addAll(db.autoCommit(c -> tenants.withStatus(c, s)));
        }
        List<Action> actions = new ArrayList<>();
        for (Tenant t : managed) {
            try {
                check(t, found).ifPresent(actions::add);
            } catch (BerthProblem | DirectoryException e) {
                actions.add(new Action(t.slug(), "error", e.getMessage()));
            }
        }
        for (Action a : actions) {
            if (!a.action().equals("error")) {
                db.transaction(c -> {
                    events.append(c, a.tenant(), null, null, EventLog.SYSTEM, "tenant.repaired", a.action() + ": " + a.detail(),
                            Map.of("action", a.action()));
                    return null;
                });
            }
        }
        return new Report(managed.size(), actions, unmanaged(found));
    }

    private Optional<Action> check(Tenant t, List<DirectoryGroup> found) {
        return switch (t.status()) {
            case ACTIVE, SUSPENDED -> checkGroup(t, found);
            case PROVISIONING -> retryStale(t);
            case FAILED -> cleanFailed(t);
            case DELETING -> finishDeletion(t);
            default -> Optional.empty();
        };
    }

    private Optional<Action> checkGroup(Tenant t, List<DirectoryGroup> found) {
        Optional<DirectoryGroup> group = t.groupId().flatMap(id -> found.stream().filter(g -> g.id().equals(id)).findFirst())
                .or(() -> found.stream().filter(g -> g.name().equals(t.slug())).findFirst());
        if (group.isEmpty()) {
            String id = groups.create(t.slug(), t.displayName());
            db.transaction(c -> {
                tenants.recordGroup(c, t.slug(), id, true);
                return null;
            });
            int rejoined = rejoin(t, id);
            return Optional.of(new Action(t.slug(), "group_recreated", "group /tenants/" + t.slug() + " was missing; recreated with "
                    + rejoined + " member(s) Berth knows (first admin, service accounts); add other people again"));
        }
        DirectoryGroup g = group.get();
        if (!t.groupId().equals(Optional.of(g.id()))) {
            db.transaction(c -> {
                tenants.recordGroup(c, t.slug(), g.id(), false);
                return null;
            });
        }
        boolean displayNameRight = g.attribute(DirectoryGroup.DISPLAY_NAME_ATTRIBUTE).filter(t.displayName()::equals).isPresent();
        if (g.isTenant(t.slug()) && displayNameRight) {
            return Optional.empty();
        }
        groups.repair(g, t.slug(), t.displayName());
        return Optional.of(new Action(t.slug(), "group_fixed", "group " + g.path() + " (tenant claim "
                + g.attribute(DirectoryGroup.TENANT_ATTRIBUTE).orElse("none") + ") set back to /tenants/" + t.slug()));
    }

    /** Puts back the members Berth knows by itself: the first admin and the service-account users. */
    private int rejoin(Tenant t, String groupId) {
        int n = 0;
        if (t.firstAdminUserId().isPresent() && users.byId(t.firstAdminUserId().get()).isPresent()) {
            users.join(t.firstAdminUserId().get(), groupId);
            n++;
        }
        for (DirectoryClient client : offboarding.serviceAccountClients(t.slug())) {
            users.join(clientsUser(client), groupId);
            n++;
        }
        return n;
    }

    private String clientsUser(DirectoryClient client) {
        return offboarding.serviceAccountUser(client).id();
    }

    private Optional<Action> retryStale(Tenant t) {
        if (!db.autoCommit(c -> tenants.claimStale(c, t.slug(), provisioningTimeout))) {
            return Optional.empty();
        }
        try {
            TenantProvisioning.Outcome outcome = provisioning.run(t.slug(), EventLog.SYSTEM, TemporaryPasswords.generate());
            return Optional.of(new Action(t.slug(), "provisioning_retried", "ACTIVE"
                    + outcome.createdAdminUserId().map(id -> "; first admin " + id
                    + " created: give it a password with POST /v1/tenant/members/" + id + "/reset-password").orElse("")));
        } catch (BerthProblem | DirectoryException e) {
            return Optional.of(new Action(t.slug(), "provisioning_retried", "FAILED again: " + e.getMessage()));
        }
    }

    private Optional<Action> cleanFailed(Tenant t) {
        boolean leftovers = t.firstAdminUserId().isPresent() || (t.groupCreated() && t.groupId().isPresent());
        if (!leftovers) {
            return Optional.empty();
        }
        List<String> left = provisioning.undo(t);
        if (!left.isEmpty()) {
            return Optional.of(new Action(t.slug(), "error", "could not remove " + String.join(", ", left)));
        }
        return Optional.of(new Action(t.slug(), "failed_cleaned", "removed what the failed provisioning had created"));
    }

    private Optional<Action> finishDeletion(Tenant t) {
        int live = db.autoCommit(c -> tenants.liveWorkloads(c, t.slug()));
        if (live > 0) {
            offboarding.deleteWorkloads(t.slug(), EventLog.SYSTEM);
            return Optional.empty();
        }
        offboarding.finish(t, EventLog.SYSTEM);
        return Optional.of(new Action(t.slug(), "deleted", "workloads gone; Keycloak objects removed"));
    }

    private List<Unmanaged> unmanaged(List<DirectoryGroup> found) {
        Set<String> knownIds = new HashSet<>();
        Set<String> knownNames = new HashSet<>();
        for (TenantStatus s : List.of(TenantStatus.ACTIVE, TenantStatus.SUSPENDED, TenantStatus.PROVISIONING,
                TenantStatus.FAILED, TenantStatus.DELETING)) {
            for (Tenant t : db.autoCommit(c -> tenants.withStatus(c, s))) {
                t.groupId().ifPresent(knownIds::add);
                knownNames.add(t.slug());
            }
        }
        return found.stream().filter(g -> !knownIds.contains(g.id()) && !knownNames.contains(g.name()))
                .map(g -> new Unmanaged(g.path(), g.id(), g.attribute(DirectoryGroup.TENANT_ATTRIBUTE)))
                .toList();
    }
}
