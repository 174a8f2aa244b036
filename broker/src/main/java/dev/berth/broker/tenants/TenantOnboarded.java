package dev.berth.broker.tenants;

/** Fired (synchronously, CDI) once when a tenant first becomes ACTIVE, so other capabilities can set it up (e.g. its default quota class). */
public record TenantOnboarded(String tenant) {
}
