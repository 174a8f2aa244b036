package dev.berth.broker.serviceaccounts;

import dev.berth.api.model.MemberRole;
import dev.berth.api.model.ServiceAccountCreate;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.security.Role;
import dev.berth.broker.tenants.GrpcArguments;
import dev.berth.grpc.v1.CreateServiceAccountRequest;
import dev.berth.grpc.v1.DeleteServiceAccountResponse;
import dev.berth.grpc.v1.ListServiceAccountsResponse;
import dev.berth.grpc.v1.ServiceAccountRequest;
import dev.berth.grpc.v1.ServiceAccountWithSecret;
import dev.berth.grpc.v1.ServiceAccounts;
import dev.berth.grpc.v1.ServiceAccountsRequest;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;

/** gRPC adapter for service accounts: the same service, rules and validation as {@link ServiceAccountsResource}. */
@GrpcService
@Blocking
@RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
public class ServiceAccountsGrpcService implements ServiceAccounts {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final ServiceAccountService accounts;
    private final Validator validator;
    private final String tokenUrl;

    ServiceAccountsGrpcService(SecurityIdentity identity, CallerResolver callers, ServiceAccountService accounts,
                               Validator validator, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer) {
        this.identity = identity;
        this.callers = callers;
        this.accounts = accounts;
        this.validator = validator;
        this.tokenUrl = issuer + "/protocol/openid-connect/token";
    }

    @Override
    public Uni<ListServiceAccountsResponse> listServiceAccounts(ServiceAccountsRequest r) {
        ListServiceAccountsResponse.Builder out = ListServiceAccountsResponse.newBuilder();
        accounts.list(caller(), GrpcArguments.optionalSlug("tenant", r.getTenant())).forEach(a -> out.addItems(toProto(a)));
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<ServiceAccountWithSecret> createServiceAccount(CreateServiceAccountRequest r) {
        ServiceAccountCreate model = new ServiceAccountCreate().name(r.getName())
                .description(GrpcArguments.emptyToNull(r.getDescription()));
        if (!r.getRole().isEmpty()) {
            try {
                model.role(MemberRole.fromValue(r.getRole()));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("role", "must be tenant-user or tenant-admin");
            }
        }
        ModelValidation.valid(validator, model);
        String tenant = GrpcArguments.optionalSlug("tenant", r.getTenant());
        Role role = model.getRole() == MemberRole.TENANT_ADMIN ? Role.TENANT_ADMIN : Role.TENANT_USER;
        return Uni.createFrom().item(toProto(accounts.create(caller(), tenant, model.getName(), model.getDescription(), role)));
    }

    @Override
    public Uni<ServiceAccountWithSecret> rotateServiceAccountSecret(ServiceAccountRequest r) {
        return Uni.createFrom().item(toProto(accounts.rotate(caller(), GrpcArguments.optionalSlug("tenant", r.getTenant()),
                GrpcArguments.uuid("service_account_id", r.getServiceAccountId()))));
    }

    @Override
    public Uni<DeleteServiceAccountResponse> deleteServiceAccount(ServiceAccountRequest r) {
        accounts.delete(caller(), GrpcArguments.optionalSlug("tenant", r.getTenant()),
                GrpcArguments.uuid("service_account_id", r.getServiceAccountId()));
        return Uni.createFrom().item(DeleteServiceAccountResponse.getDefaultInstance());
    }

    private ServiceAccountWithSecret toProto(ServiceAccountService.WithSecret s) {
        return ServiceAccountWithSecret.newBuilder().setServiceAccount(toProto(s.account())).setClientSecret(s.secret())
                .setTokenUrl(tokenUrl).build();
    }

    private static dev.berth.grpc.v1.ServiceAccount toProto(ServiceAccount a) {
        dev.berth.grpc.v1.ServiceAccount.Builder b = dev.berth.grpc.v1.ServiceAccount.newBuilder().setId(a.id())
                .setName(a.name()).setClientId(a.clientId()).setDescription(a.description()).setRole(a.role());
        a.secretCreatedAt().ifPresent(t -> b.setSecretCreatedAt(GrpcArguments.timestamp(t)));
        return b.build();
    }

    private Caller caller() {
        return callers.resolve(identity);
    }
}
