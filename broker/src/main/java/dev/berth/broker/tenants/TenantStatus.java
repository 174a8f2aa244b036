package dev.berth.broker.tenants;

/**
 * The stored state of a tenant's provisioning saga and lifecycle. {@code DELETED} is a
 * tombstone: it keeps tokens issued before the deletion from acting, and is never shown.
 */
public enum TenantStatus {
    PROVISIONING, ACTIVE, FAILED, SUSPENDED, DELETING, DELETED
}
