package dev.berth.broker.members;

import java.time.Instant;
import java.time.ZoneOffset;

import dev.berth.api.model.MemberCreate;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.tenants.GrpcArguments;
import dev.berth.grpc.v1.AddMemberRequest;
import dev.berth.grpc.v1.ListMembersResponse;
import dev.berth.grpc.v1.MemberRequest;
import dev.berth.grpc.v1.MemberWithPassword;
import dev.berth.grpc.v1.Members;
import dev.berth.grpc.v1.MembersRequest;
import dev.berth.grpc.v1.RemoveMemberResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;

/** gRPC adapter for members: the same service, rules and validation as {@link MembersResource}. */
@GrpcService
@Blocking
@RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
public class MembersGrpcService implements Members {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final MemberService members;
    private final Validator validator;

    MembersGrpcService(SecurityIdentity identity, CallerResolver callers, MemberService members, Validator validator) {
        this.identity = identity;
        this.callers = callers;
        this.members = members;
        this.validator = validator;
    }

    @Override
    public Uni<ListMembersResponse> listMembers(MembersRequest r) {
        ListMembersResponse.Builder out = ListMembersResponse.newBuilder();
        members.list(caller(), tenant(r.getTenant())).forEach(m -> out.addItems(toProto(m)));
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<MemberWithPassword> addMember(AddMemberRequest r) {
        MemberCreate model = ModelValidation.valid(validator, new MemberCreate().username(r.getUsername())
                .email(GrpcArguments.emptyToNull(r.getEmail())).firstName(GrpcArguments.emptyToNull(r.getFirstName()))
                .lastName(GrpcArguments.emptyToNull(r.getLastName())).tenantAdmin(r.getTenantAdmin()));
        String tenant = tenant(r.getTenant());
        return Uni.createFrom().item(toProto(members.add(caller(), tenant, new MemberService.NewMember(model.getUsername(),
                model.getEmail(), model.getFirstName(), model.getLastName(), r.getTenantAdmin()))));
    }

    @Override
    public Uni<RemoveMemberResponse> removeMember(MemberRequest r) {
        members.remove(caller(), tenant(r.getTenant()), GrpcArguments.uuid("user_id", r.getUserId()));
        return Uni.createFrom().item(RemoveMemberResponse.getDefaultInstance());
    }

    @Override
    public Uni<dev.berth.grpc.v1.Member> grantTenantAdmin(MemberRequest r) {
        return Uni.createFrom().item(toProto(members.grantAdmin(caller(), tenant(r.getTenant()),
                GrpcArguments.uuid("user_id", r.getUserId()))));
    }

    @Override
    public Uni<dev.berth.grpc.v1.Member> revokeTenantAdmin(MemberRequest r) {
        return Uni.createFrom().item(toProto(members.revokeAdmin(caller(), tenant(r.getTenant()),
                GrpcArguments.uuid("user_id", r.getUserId()))));
    }

    @Override
    public Uni<MemberWithPassword> resetMemberPassword(MemberRequest r) {
        return Uni.createFrom().item(toProto(members.resetPassword(caller(), tenant(r.getTenant()),
                GrpcArguments.uuid("user_id", r.getUserId()))));
    }

    private static String tenant(String value) {
        return GrpcArguments.optionalSlug("tenant", value);
    }

    private static MemberWithPassword toProto(MemberService.WithPassword m) {
        MemberWithPassword.Builder b = MemberWithPassword.newBuilder().setMember(toProto(m.member()));
        m.temporaryPassword().ifPresent(b::setTemporaryPassword);
        return b.build();
    }

    private static dev.berth.grpc.v1.Member toProto(Member m) {
        dev.berth.grpc.v1.Member.Builder b = dev.berth.grpc.v1.Member.newBuilder().setId(m.user().id())
                .setUsername(m.user().username()).setEnabled(m.user().enabled())
                .addAllRoles(m.sortedRoles()).addAllPendingActions(m.user().requiredActions());
        if (m.user().email() != null) {
            b.setEmail(m.user().email());
        }
        if (m.user().firstName() != null) {
            b.setFirstName(m.user().firstName());
        }
        if (m.user().lastName() != null) {
            b.setLastName(m.user().lastName());
        }
        if (m.user().createdTimestamp() > 0) {
            b.setCreatedAt(GrpcArguments.timestamp(Instant.ofEpochMilli(m.user().createdTimestamp()).atOffset(ZoneOffset.UTC)));
        }
        return b.build();
    }

    private Caller caller() {
        return callers.resolve(identity);
    }
}
