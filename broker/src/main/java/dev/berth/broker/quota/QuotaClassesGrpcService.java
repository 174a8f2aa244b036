package dev.berth.broker.quota;

import dev.berth.tenants.quota.QuotaClass;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.google.protobuf.Timestamp;
import dev.berth.api.model.QuotaClassInput;
import dev.berth.api.model.QuotaLimits;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.grpc.v1.DeleteQuotaClassResponse;
import dev.berth.grpc.v1.ListQuotaClassesRequest;
import dev.berth.grpc.v1.ListQuotaClassesResponse;
import dev.berth.grpc.v1.PutQuotaClassRequest;
import dev.berth.grpc.v1.QuotaClassRequest;
import dev.berth.grpc.v1.QuotaClasses;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** gRPC adapter for quota classes; the same service and validation as {@link QuotaClassesResource}. */
@GrpcService
@Blocking
@RolesAllowed(PLATFORM_ADMIN)
public class QuotaClassesGrpcService implements QuotaClasses {

    private static final String SLUG = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

    private final QuotaClassService classes;
    private final Validator validator;

    QuotaClassesGrpcService(QuotaClassService classes, Validator validator) {
        this.classes = classes;
        this.validator = validator;
    }

    @Override
    public Uni<ListQuotaClassesResponse> listQuotaClasses(ListQuotaClassesRequest request) {
        ListQuotaClassesResponse.Builder out = ListQuotaClassesResponse.newBuilder();
        classes.list().forEach(q -> out.addItems(toProto(q)));
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<dev.berth.grpc.v1.QuotaClass> getQuotaClass(QuotaClassRequest request) {
        return Uni.createFrom().item(toProto(classes.get(name(request.getName()))));
    }

    @Override
    public Uni<dev.berth.grpc.v1.QuotaClass> putQuotaClass(PutQuotaClassRequest r) {
        String name = name(r.getName());
        if (!r.hasLimits()) {
            throw new InvalidRequest("limits", "must not be null");
        }
        dev.berth.grpc.v1.QuotaClassLimits l = r.getLimits();
        QuotaLimits limits = new QuotaLimits().vcpu(BigDecimal.valueOf(l.getLimits().getMilliCpu(), 3))
                .memoryMiB(l.getLimits().getMemoryMib()).diskGiB(l.getLimits().getDiskGib()).instances(l.getInstances())
                .snapshots(l.hasSnapshots() ? l.getSnapshots() : null)
                .monthlyBudget(l.hasMonthlyBudgetMicros() ? BigDecimal.valueOf(l.getMonthlyBudgetMicros(), 6) : null);
        QuotaClassInput input = ModelValidation.valid(validator, new QuotaClassInput().description(r.getDescription())
                .limits(limits)._default(r.getDefault()));
        QuotaClassService.Saved saved = classes.put(name, new QuotaClassService.Definition(input.getDescription(),
                QuotaMapper.resources(limits), limits.getInstances(), limits.getSnapshots(), r.getDefault(),
                QuotaMapper.classBudget(limits)));
        return Uni.createFrom().item(toProto(saved.quotaClass()));
    }

    @Override
    public Uni<DeleteQuotaClassResponse> deleteQuotaClass(QuotaClassRequest request) {
        classes.delete(name(request.getName()));
        return Uni.createFrom().item(DeleteQuotaClassResponse.getDefaultInstance());
    }

    private static String name(String name) {
        if (name.length() < 2 || name.length() > 63 || !name.matches(SLUG)) {
            throw new InvalidRequest("name", "must be 2-63 characters of a-z, 0-9 and '-', starting and ending alphanumeric");
        }
        return name;
    }

    private static dev.berth.grpc.v1.QuotaClass toProto(QuotaClass q) {
        dev.berth.grpc.v1.QuotaClass.Builder b = dev.berth.grpc.v1.QuotaClass.newBuilder().setName(q.name())
                .setDescription(q.description())
                .setLimits(QuotaProtos.resources(q.limits())).setInstances(q.instances()).setSnapshots(q.snapshots())
                .setDefault(q.isDefault()).setCreatedAt(timestamp(q.createdAt())).setUpdatedAt(timestamp(q.updatedAt()));
        if (q.monthlyBudgetMicros() != null) {
            b.setMonthlyBudgetMicros(q.monthlyBudgetMicros());
        }
        return b.build();
    }

    private static Timestamp timestamp(OffsetDateTime t) {
        return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
    }
}
