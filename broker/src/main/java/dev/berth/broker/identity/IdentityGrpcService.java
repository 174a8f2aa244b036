package dev.berth.broker.identity;

import com.google.protobuf.Timestamp;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.grpc.v1.Identity;
import dev.berth.grpc.v1.WhoAmIRequest;
import dev.berth.grpc.v1.WhoAmIResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** gRPC adapter for {@code berth.v1.Identity}; same application service as {@link MeResource}. */
@GrpcService
public class IdentityGrpcService implements Identity {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final IdentityService service;

    IdentityGrpcService(SecurityIdentity identity, CallerResolver callers, IdentityService service) {
        this.identity = identity;
        this.callers = callers;
        this.service = service;
    }

    @Override
    @Blocking
    @RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
    public Uni<WhoAmIResponse> whoAmI(WhoAmIRequest request) {
        CallerIdentity who = service.whoAmI(callers.resolve(identity));
        Caller caller = who.caller();
        WhoAmIResponse.Builder response = WhoAmIResponse.newBuilder()
                .setSubject(caller.subject())
                .setUsername(caller.username())
                .setTenant(caller.tenant().orElse(""))
                .setClientId(caller.clientId())
                .setServiceAccount(caller.serviceAccount())
                .setFirstSeenAt(Timestamp.newBuilder()
                        .setSeconds(who.firstSeenAt().toEpochSecond())
                        .setNanos(who.firstSeenAt().getNano()));
        caller.roles().stream().sorted().forEach(r -> response.addRoles(r.claimValue()));
        return Uni.createFrom().item(response.build());
    }
}
