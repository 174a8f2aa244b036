package dev.berth.broker.members;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.BrowserLogin;
import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.FirstAdmin;
import dev.berth.sdk.model.MemberCreate;
import dev.berth.sdk.model.MemberCreated;
import dev.berth.sdk.model.TenantCreate;
import dev.berth.sdk.model.TenantCreated;

/**
 * Tenants and people a test makes for itself in the shared Keycloak, all named with one
 * random prefix and removed by {@link #cleanUp()}: tenants with a logged-in first admin,
 * and "former members" — accounts a tenant created and then removed, i.e. in no tenant.
 * Passwords are set through Keycloak's own first-login form and kept here.
 */
final class TenantPeople {

    final String prefix;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    TenantPeople(String kind) {
        this.prefix = kind + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static String admin(String slug) {
        return slug + "-admin";
    }

    static MemberCreate person(String username) {
        return new MemberCreate().username(username).email(username + "@example.test").firstName("Some").lastName("One");
    }

    /** Creates tenant {@code slug} with first admin {@code <slug>-admin}, logged in once. */
    String tenant(String slug) throws ApiException {
        TenantCreated created = Api.as("admin").tenants().createTenant(new TenantCreate().slug(slug).displayName(slug)
                .firstAdmin(new FirstAdmin().username(admin(slug)).email(admin(slug) + "@example.test")
                        .firstName("First").lastName("Admin")));
        firstLogin(admin(slug), created.getFirstAdmin().getTemporaryPassword());
        return slug;
    }

    /** A new account of {@code tenant}, made by its admin, logged in once; its id. */
    UUID member(String tenant, String username) throws ApiException {
        MemberCreated created = as(admin(tenant)).members().addMember(person(username), null);
        firstLogin(username, created.getTemporaryPassword());
        return created.getMember().getId();
    }

    /** An account {@code tenant} created and then removed: it belongs to no tenant now. */
    UUID formerMember(String tenant, String username) throws ApiException {
        UUID id = member(tenant, username);
        as(admin(tenant)).members().removeMember(id, null);
        if (!RealmAdmin.groupPathsOf(id.toString()).isEmpty()) {
            throw new AssertionError(username + " is still in a group");
        }
        return id;
    }

    /** Sets a known password through Keycloak's first-login form. */
    void firstLogin(String username, String temporaryPassword) {
        String password = "Pw-" + UUID.randomUUID();
        BrowserLogin.firstLogin(username, temporaryPassword, password);
        passwords.put(username, password);
    }

    String password(String username) {
        return passwords.get(username);
    }

    /** A fresh token (they live 5 minutes; tests may run longer under load). */
    String token(String username) {
        return Tokens.password(username, passwords.get(username));
    }

    Api as(String username) {
        return Api.withToken(token(username));
    }

    void cleanUp(List<String> tenants) {
        for (String slug : tenants) {
            try {
                Api.as("admin").tenants().deleteTenant(slug, false);
            } catch (ApiException e) {
                // already gone, or never made: the realm clean-up below removes what is left
            }
        }
        RealmAdmin.cleanUp(prefix);
    }
}
