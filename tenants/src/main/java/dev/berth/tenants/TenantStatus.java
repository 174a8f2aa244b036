package dev.berth.tenants;

/**
 * The stored state of a tenant's provisioning saga and lifecycle. {@code DELETED} is a
 * tombstone: it keeps tokens issued before the deletion from acting, and is never shown.
 *
 * <pre>
 * PROVISIONING ──saga done──▶ ACTIVE ◀──resume── SUSPENDED
 *      │                        │  └──suspend──▶    │
 *      └─saga failed─▶ FAILED   └──delete──▶ DELETING ──workloads gone──▶ DELETED
 * </pre>
 * FAILED, ACTIVE and SUSPENDED may be deleted; a saga in flight may not.
 */
public enum TenantStatus {
    PROVISIONING, ACTIVE, FAILED, SUSPENDED, DELETING, DELETED;

    /** An admin's move between two steady states, and the event it records. */
    public enum Move {
        SUSPEND("suspend", "tenant.suspended", ACTIVE, SUSPENDED),
        RESUME("resume", "tenant.resumed", SUSPENDED, ACTIVE);

        private final String action;
        private final String event;
        private final TenantStatus from;
        private final TenantStatus to;

        Move(String action, String event, TenantStatus from, TenantStatus to) {
            this.action = action;
            this.event = event;
            this.from = from;
            this.to = to;
        }

        /** The verb problem details use ("Cannot suspend tenant …"). */
        public String action() {
            return action;
        }

        public String event() {
            return event;
        }

        public TenantStatus from() {
            return from;
        }

        public TenantStatus to() {
            return to;
        }

        /** Whether the move applies to a tenant in {@code current} (already there counts: it is a no-op). */
        public boolean allowedFrom(TenantStatus current) {
            return current == from || current == to;
        }
    }

    /** Whether an admin may delete a tenant in this state; a saga in flight must end first, a tombstone is gone. */
    public boolean deletable() {
        return this != PROVISIONING && this != DELETED;
    }

    /** Whether the tenant exists for the API (a tombstone answers not found). */
    public boolean visible() {
        return this != DELETED;
    }
}
