package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.broker.governance.TenantProfiles;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.tenants.directory.TemporaryPasswords;
import dev.berth.broker.members.MemberProblems;
import dev.berth.broker.security.Caller;
import dev.berth.tenants.directory.DirectoryUnavailable;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tenant administration (platform admins): onboarding through {@link TenantProvisioning},
 * suspension, display-name changes, offboarding through {@link TenantOffboarding}. The
 * REST and gRPC adapters both call this.
 */
@ApplicationScoped
public class TenantService {

    private final Database db;
    private final TenantRepository tenants;
    private final TenantProvisioning provisioning;
    private final TenantOffboarding offboarding;
    private final TenantProfiles profiles;
    private final DirectoryGroups groups;
    private final DirectoryUsers users;
    private final EventLog events;

    TenantService(Database db, TenantRepository tenants, TenantProvisioning provisioning, TenantOffboarding offboarding,
                  TenantProfiles profiles, DirectoryGroups groups, DirectoryUsers users, EventLog events) {
        this.db = db;
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.offboarding = offboarding;
        this.profiles = profiles;
        this.groups = groups;
        this.users = users;
        this.events = events;
    }

    /** A created tenant, with the first admin's one-time credentials when one was created. */
    public record Created(Tenant tenant, Optional<InitialCredentials> firstAdmin) {
    }

    public record InitialCredentials(String userId, String username, String temporaryPassword) {
    }

    /** What an admin asks for; validated by the adapters against the API model. */
    public record Request(String slug, String displayName, Map<String, String> labels, Optional<Tenant.FirstAdmin> firstAdmin) {
    }

    public Created create(Caller caller, Request request) {
        if (!request.labels().isEmpty()) {
            dev.berth.broker.workloads.WorkloadMapper.checkLabelKeys("labels", request.labels());
        }
        if (request.firstAdmin().isPresent()) {
            checkFreeAccount(request.firstAdmin().get());
        }
        boolean inserted = db.transaction(c -> {
            boolean ok = tenants.insertProvisioning(c, request.slug(), request.displayName(), request.firstAdmin(),
                    caller.username());
            if (ok) {
                events.append(c, request.slug(), null, null, caller.username(), "tenant.requested", "PROVISIONING", Map.of());
            }
            return ok;
        });
        if (!inserted) {
            TenantStatus status = db.autoCommit(c -> tenants.status(c, request.slug())).orElse(TenantStatus.ACTIVE);
            throw new TenantProblems.Exists(request.slug(), status);
        }
        if (!request.labels().isEmpty()) {
            profiles.setLabels(request.slug(), request.labels());
        }
        String password = TemporaryPasswords.generate();
        TenantProvisioning.Outcome outcome = provisioning.run(request.slug(), caller.username(), password);
        return new Created(outcome.tenant(), outcome.createdAdminUserId().map(id -> new InitialCredentials(id,
                request.firstAdmin().orElseThrow().username(), password)));
    }

    /** The first admin must be a new account: Berth never hands a tenant someone else's account. */
    private void checkFreeAccount(Tenant.FirstAdmin admin) {
        if (users.byUsername(admin.username()).isPresent() || users.emailTaken(admin.email())) {
            throw new MemberProblems.Unavailable();
        }
    }

    public Tenant get(String slug) {
        return db.autoCommit(c -> tenants.find(c, slug, false)).filter(t -> t.status() != TenantStatus.DELETED)
                .orElseThrow(() -> new TenantProblems.NotFound(slug));
    }

    public Map<String, String> labels(String slug) {
        return profiles.labels(slug);
    }

    public List<Tenant> page(Optional<TenantStatus> status, String afterSlug, int limit) {
        return db.autoCommit(c -> tenants.page(c, status, afterSlug, limit));
    }

    /** Renames for display; Keycloak's group attribute first, so a refusal changes nothing. */
    public Tenant rename(Caller caller, String slug, String displayName) {
        Tenant t = get(slug);
        if (t.displayName().equals(displayName)) {
            return t;
        }
        t.groupId().flatMap(groups::byId).ifPresent(g -> groups.repair(g, slug, displayName));
        db.transaction(c -> {
            tenants.setDisplayName(c, slug, displayName);
            events.append(c, slug, null, null, caller.username(), "tenant.renamed", displayName, Map.of());
            return null;
        });
        return get(slug);
    }

    public Tenant suspend(Caller caller, String slug) {
        return move(caller, slug, TenantStatus.Move.SUSPEND);
    }

    public Tenant resume(Caller caller, String slug) {
        return move(caller, slug, TenantStatus.Move.RESUME);
    }

    private Tenant move(Caller caller, String slug, TenantStatus.Move move) {
        db.transaction(c -> {
            Tenant t = tenants.find(c, slug, true).filter(x -> x.status().visible())
                    .orElseThrow(() -> new TenantProblems.NotFound(slug));
            if (!move.allowedFrom(t.status())) {
                throw new TenantProblems.InvalidState(slug, move.action(), t.status());
            }
            if (t.status() == move.to()) {
                return null;
            }
            TenantStatus to = move.to();
            tenants.setStatus(c, slug, to, to == TenantStatus.SUSPENDED ? "suspended by " + caller.username() : null);
            events.append(c, slug, null, null, caller.username(), move.event(), to.name(), Map.of());
            return null;
        });
        return get(slug);
    }

    /**
     * Deletes the tenant: at once when it has no live workloads (empty result), else refused
     * unless {@code cascade}, which queues their deletion and returns the DELETING tenant for
     * the repair job to finish.
     */
    public Optional<Tenant> delete(Caller caller, String slug, boolean cascade) {
        Tenant before = db.transaction(c -> {
            Tenant current = tenants.find(c, slug, true).filter(x -> x.status() != TenantStatus.DELETED)
                    .orElseThrow(() -> new TenantProblems.NotFound(slug));
            if (!current.status().deletable()) {
                throw new TenantProblems.InvalidState(slug, "delete", current.status());
            }
            int live = tenants.liveWorkloads(c, slug);
            if (live > 0 && !cascade) {
                throw new TenantProblems.HasWorkloads(slug, live);
            }
            if (current.status() != TenantStatus.DELETING) {
                tenants.setStatus(c, slug, TenantStatus.DELETING, live > 0 ? "deleting " + live + " workload(s) first" : null);
                events.append(c, slug, null, null, caller.username(), "tenant.deleting", "DELETING", Map.of("workloads", live));
            }
            return current;
        });
        if (before.status() == TenantStatus.FAILED) {
            // Only what the failed saga created goes; a group it was adopting stays.
            List<String> left = provisioning.undo(before);
            if (!left.isEmpty()) {
                throw new DirectoryUnavailable("removing " + String.join(", ", left), "retry later");
            }
            offboarding.tombstone(slug, caller.username());
            return Optional.empty();
        }
        if (offboarding.deleteWorkloads(slug, caller.username()) == 0) {
            offboarding.finish(get(slug), caller.username());
            return Optional.empty();
        }
        return Optional.of(get(slug));
    }
}
