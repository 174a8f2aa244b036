package dev.berth.tenants.directory;

import java.util.List;
import java.util.Optional;

/**
 * Confidential clients with a service account (client-credentials grant only), the machine
 * identities of a tenant's programs. They get the same client scopes as the realm's
 * automation clients, so their tokens carry audience {@code berth-api} and the tenant claim.
 */
public interface DirectoryClients {

    /** Client attribute naming the owning tenant; Berth only manages clients that carry it. */
    String TENANT_ATTRIBUTE = "berth.tenant";

    /** Creates the client (the provider generates its secret and its service-account user); its id. */
    String createServiceAccount(String clientId, String name, String description, String tenant);

    Optional<DirectoryClient> byId(String id);

    Optional<DirectoryClient> byClientId(String clientId);

    /** The tenant's Berth-managed service accounts: clients {@code <slug>.<name>} tagged with the tenant. */
    List<DirectoryClient> tenantClients(String slug);

    /** The client's current secret; refused (404) when the client is gone. */
    String secret(String id);

    /** A new secret; the old one stops working at once. */
    String regenerateSecret(String id);

    /** The user behind the client's service account; refused (404) when there is none. */
    DirectoryUser serviceAccountUser(String id);

    /** Deletes the client and, with it, its service-account user; false when it was not there. */
    boolean delete(String id);
}
