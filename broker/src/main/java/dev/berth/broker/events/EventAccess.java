package dev.berth.broker.events;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.Role;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may read which events, for lists and watches alike: a tenant's people and programs their
 * own tenant's (naming another answers {@code tenant.not_found}); platform admins every tenant's
 * or one named tenant's. A workload's events need the workload in the caller's tenant
 * ({@code workload.not_found} otherwise, like every workload route).
 */
@ApplicationScoped
public class EventAccess {

    private static final String SLUG = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

    private final Database db;
    private final EventLog log;

    EventAccess(Database db, EventLog log) {
        this.db = db;
        this.log = log;
    }

    /** The scope of {@code GET /v1/events}; {@code tenant} is the optional query parameter. */
    public EventScope all(Caller caller, String tenant) {
        Optional<String> named = Optional.ofNullable(tenant).filter(t -> !t.isEmpty());
        named.ifPresent(EventAccess::requireSlug);
        if (caller.hasRole(Role.PLATFORM_ADMIN) && caller.tenant().isEmpty()) {
            return new EventScope(named, Optional.empty());
        }
        String own = caller.requireTenant();
        if (named.isPresent() && !named.get().equals(own)) {
            throw new EventProblems.TenantNotFound(named.get());
        }
        return new EventScope(Optional.of(own), Optional.empty());
    }

    /** The scope of one workload's events; the workload must be the caller's tenant's. */
    public EventScope workload(Caller caller, UUID workloadId) {
        String tenant = caller.requireTenant();
        if (!db.autoCommit(c -> log.workloadOf(c, tenant, workloadId))) {
            throw new EventProblems.WorkloadNotFound(workloadId);
        }
        return new EventScope(Optional.of(tenant), Optional.of(workloadId));
    }

    public List<Event> page(EventScope scope, long afterId, int limit) {
        return db.autoCommit(c -> log.since(c, scope, afterId, limit));
    }

    /** The next watch read of {@code scope}; see {@link EventLog#after}. */
    public WatchRead watchRead(EventScope scope, WatchPosition from, int limit) {
        return db.autoCommit(c -> log.after(c, scope, from, limit));
    }

    /** Where a watch resuming after event {@code afterId} starts; an id that is not an event of the scope is bad input. */
    public WatchPosition resumePosition(EventScope scope, long afterId, String field) {
        if (afterId == 0) {
            return WatchPosition.START;
        }
        return db.autoCommit(c -> log.positionOf(c, scope, afterId))
                .orElseThrow(() -> new InvalidRequest(field, "not the id of an event of this stream"));
    }

    /**
     * Where a watch of {@code scope} starts: after the event named by {@code Last-Event-ID} (the
     * header wins), else by the {@code after} query parameter, else from the first event. Not a
     * non-negative integer, or not the id of an event of this scope, is bad input.
     */
    public WatchPosition resume(EventScope scope, String header, String query) {
        boolean fromHeader = header != null && !header.isBlank();
        String field = fromHeader ? "Last-Event-ID" : "after";
        String value = fromHeader ? header.trim() : query;
        if (value == null || value.isEmpty()) {
            return WatchPosition.START;
        }
        long id;
        try {
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0) {
            throw new InvalidRequest(field, "not an event id (a non-negative integer)");
        }
        return resumePosition(scope, id, field);
    }

    private static void requireSlug(String slug) {
        if (slug.length() < 2 || slug.length() > 63 || !slug.matches(SLUG)) {
            throw new InvalidRequest("tenant", "not a tenant slug");
        }
    }
}
