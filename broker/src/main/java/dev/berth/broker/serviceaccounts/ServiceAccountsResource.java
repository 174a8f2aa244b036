package dev.berth.broker.serviceaccounts;

import java.util.UUID;

import dev.berth.api.model.MemberRole;
import dev.berth.api.model.ServiceAccountCreate;
import dev.berth.api.model.ServiceAccountList;
import dev.berth.api.model.ServiceAccountSecret;
import dev.berth.api.rest.ServiceAccountsApi;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;

/** REST adapter for {@code /v1/tenant/service-accounts}: tenant admins (own tenant) and platform admins. */
@RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
public class ServiceAccountsResource implements ServiceAccountsApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final ServiceAccountService accounts;
    private final String tokenUrl;

    ServiceAccountsResource(SecurityIdentity identity, CallerResolver callers, ServiceAccountService accounts,
                            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer) {
        this.identity = identity;
        this.callers = callers;
        this.accounts = accounts;
        this.tokenUrl = issuer + "/protocol/openid-connect/token";
    }

    @Override
    public Response listServiceAccounts(String tenant) {
        return Response.ok(new ServiceAccountList().items(accounts.list(caller(), tenant).stream()
                .map(ServiceAccountsResource::toApi).toList())).build();
    }

    @Override
    public Response createServiceAccount(ServiceAccountCreate r, String tenant) {
        Role role = r.getRole() == MemberRole.TENANT_ADMIN ? Role.TENANT_ADMIN : Role.TENANT_USER;
        ServiceAccountService.WithSecret created = accounts.create(caller(), tenant, r.getName(), r.getDescription(), role);
        return Response.status(Response.Status.CREATED).entity(toApi(created)).build();
    }

    @Override
    public Response rotateServiceAccountSecret(UUID serviceAccountId, String tenant) {
        return Response.ok(toApi(accounts.rotate(caller(), tenant, serviceAccountId.toString()))).build();
    }

    @Override
    public Response deleteServiceAccount(UUID serviceAccountId, String tenant) {
        accounts.delete(caller(), tenant, serviceAccountId.toString());
        return Response.noContent().build();
    }

    private ServiceAccountSecret toApi(ServiceAccountService.WithSecret s) {
        return new ServiceAccountSecret().serviceAccount(toApi(s.account())).clientSecret(s.secret()).tokenUrl(tokenUrl);
    }

    static dev.berth.api.model.ServiceAccount toApi(ServiceAccount a) {
        return new dev.berth.api.model.ServiceAccount().id(UUID.fromString(a.id())).name(a.name()).clientId(a.clientId())
                .description(a.description().isEmpty() ? null : a.description())
                .role(MemberRole.fromValue(a.role())).secretCreatedAt(a.secretCreatedAt().orElse(null));
    }

    private Caller caller() {
        return callers.resolve(identity);
    }
}
