package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryUser;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.security.Role;
import dev.berth.tenants.directory.NewUser;
import dev.berth.tenants.directory.DirectoryException;
import dev.berth.broker.problems.IdentityProblems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

/**
 * The provisioning saga of one tenant: steps that are each idempotent (safe to run again
 * after a crash or a retry), every created object recorded in the tenant row the moment it
 * exists, and an exact undo of what this saga created when a step fails. The steps:
 * <ol>
 *   <li>group {@code /tenants/<slug>} with attribute {@code tenant=<slug>} (adopted when it exists);</li>
 *   <li>the optional first tenant-admin: account with a temporary password, group membership,
 *       realm role {@code tenant-admin};</li>
 *   <li>ACTIVE, and {@link TenantOnboarded} the first time for a tenant whose group it created.</li>
 * </ol>
 */
@ApplicationScoped
public class TenantProvisioning {

    private static final Logger LOG = Logger.getLogger(TenantProvisioning.class);

    private final Database db;
    private final TenantRepository tenants;
    private final DirectoryGroups groups;
    private final DirectoryUsers users;
    private final EventLog events;
    private final Event<TenantOnboarded> onboarded;

    TenantProvisioning(Database db, TenantRepository tenants, DirectoryGroups groups, DirectoryUsers users,
                       EventLog events, Event<TenantOnboarded> onboarded) {
        this.db = db;
        this.tenants = tenants;
        this.groups = groups;
        this.users = users;
        this.events = events;
        this.onboarded = onboarded;
    }

    /** The result of a run: the ACTIVE tenant, and the first admin's id when this run created it. */
    public record Outcome(Tenant tenant, Optional<String> createdAdminUserId) {
    }

    /**
     * Runs the saga for a PROVISIONING tenant. On failure the tenant is FAILED (with what was
     * undone, or what is left for the repair job) and the original problem is thrown.
     *
     * @param adminPassword temporary password for the first admin, used only if this run creates it
     */
    public Outcome run(String slug, String actor, String adminPassword) {
        Tenant t = load(slug);
        Optional<String> createdAdmin = Optional.empty();
        try {
            DirectoryGroup group = ensureGroup(t);
            if (t.firstAdmin().isPresent()) {
                createdAdmin = ensureFirstAdmin(load(slug), group, adminPassword);
            }
        } catch (BerthProblem | DirectoryException failure) {
            BerthProblem problem = IdentityProblems.of(failure);
            fail(slug, actor, problem);
            throw problem;
        }
        boolean firstTime = db.transaction(c -> {
            boolean first = tenants.activate(c, slug);
            events.append(c, slug, null, null, actor, "tenant.provisioned", "ACTIVE", Map.of());
            return first;
        });
        Tenant active = load(slug);
        if (firstTime && active.groupCreated()) {
            fireOnboarded(slug);
        }
        return new Outcome(active, createdAdmin);
    }

    private DirectoryGroup ensureGroup(Tenant t) {
        Optional<DirectoryGroup> existing = t.groupId().flatMap(groups::byId).or(() -> groups.byPath(t.slug()));
        if (existing.isPresent()) {
            DirectoryGroup g = existing.get();
            if (!g.isTenant(t.slug()) || !g.attribute(DirectoryGroup.DISPLAY_NAME_ATTRIBUTE).filter(t.displayName()::equals).isPresent()) {
                groups.repair(g, t.slug(), t.displayName());
            }
            db.transaction(c -> {
                tenants.recordGroup(c, t.slug(), g.id(), false);
                return null;
            });
            return groups.byId(g.id()).orElse(g);
        }
        String id = groups.create(t.slug(), t.displayName());
        db.transaction(c -> {
            tenants.recordGroup(c, t.slug(), id, true);
            return null;
        });
        return groups.byId(id).orElseThrow(() -> new TenantProblems.NotFound(t.slug()));
    }

    private Optional<String> ensureFirstAdmin(Tenant t, DirectoryGroup group, String password) {
        Tenant.FirstAdmin admin = t.firstAdmin().orElseThrow();
        Optional<String> created = Optional.empty();
        String userId = t.firstAdminUserId().filter(id -> users.byId(id).isPresent())
                .or(() -> users.byUsername(admin.username()).filter(u -> createdByThisSaga(u, t)).map(DirectoryUser::id))
                .orElse(null);
        if (userId == null) {
            userId = users.create(new NewUser(admin.username(), admin.email(), admin.firstName(),
                    admin.lastName()), password);
            created = Optional.of(userId);
        }
        String id = userId;
        db.transaction(c -> {
            tenants.recordFirstAdmin(c, t.slug(), id);
            return null;
        });
        users.join(id, group.id());
        users.grantRealmRole(id, Role.TENANT_ADMIN.claimValue());
        return created;
    }

    /**
     * An account with the first admin's name that appeared after the tenant was asked for
     * is this saga's (a crash hid its id); the request checked the name was free.
     */
    private static boolean createdByThisSaga(DirectoryUser u, Tenant t) {
        return u.createdTimestamp() >= t.createdAt().toInstant().toEpochMilli() - 1000;
    }

    private void fail(String slug, String actor, BerthProblem failure) {
        Tenant t = load(slug);
        List<String> left = undo(t);
        String reason = failure.getMessage() + (left.isEmpty() ? " Nothing was left in Keycloak."
                : " Left for the repair job to remove: " + String.join(", ", left) + ".");
        db.transaction(c -> {
            tenants.setStatus(c, slug, TenantStatus.FAILED, reason);
            events.append(c, slug, null, null, actor, "tenant.failed", reason, Map.of("code", failure.code().code()));
            return null;
        });
        LOG.warnf("Provisioning tenant %s failed: %s", slug, reason);
    }

    /**
     * Removes what this tenant's saga created (never an adopted group or account), forgetting
     * each object once it is gone; what could not be removed is returned and stays recorded.
     */
    public List<String> undo(Tenant t) {
        List<String> left = new ArrayList<>();
        if (t.firstAdminUserId().isPresent()) {
            String id = t.firstAdminUserId().get();
            try {
                users.delete(id);
                db.transaction(c -> {
                    tenants.recordFirstAdmin(c, t.slug(), null);
                    return null;
                });
            } catch (BerthProblem | DirectoryException e) {
                left.add("user " + t.firstAdmin().map(Tenant.FirstAdmin::username).orElse(id));
            }
        }
        if (t.groupCreated() && t.groupId().isPresent()) {
            try {
                groups.delete(t.groupId().get());
                db.transaction(c -> {
                    tenants.forgetGroup(c, t.slug());
                    return null;
                });
            } catch (BerthProblem | DirectoryException e) {
                left.add("group /tenants/" + t.slug());
            }
        }
        return left;
    }

    private void fireOnboarded(String slug) {
        try {
            onboarded.fire(new TenantOnboarded(slug));
        } catch (RuntimeException e) {
            // The tenant exists and works; an observer's failure is logged and audited, not undone.
            LOG.errorf(e, "An observer of TenantOnboarded failed for tenant %s", slug);
            db.transaction(c -> {
                events.append(c, slug, null, null, EventLog.SYSTEM, "tenant.onboarding_hook_failed",
                        String.valueOf(e.getMessage()), Map.of());
                return null;
            });
        }
    }

    private Tenant load(String slug) {
        return db.autoCommit(c -> tenants.find(c, slug, false)).orElseThrow(() -> new TenantProblems.NotFound(slug));
    }
}
