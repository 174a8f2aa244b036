package dev.berth.broker.serviceaccounts;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A tenant's machine identity: Keycloak client {@code <tenant>.<name>} (client credentials
 * only) whose service-account user is in the tenant group with exactly one Berth role.
 */
public record ServiceAccount(String id, String name, String clientId, String description, String role,
                             Optional<OffsetDateTime> secretCreatedAt) {
}
