package dev.berth.broker.quota;

import dev.berth.tenants.quota.QuotaClass;

import java.time.OffsetDateTime;

import dev.berth.api.model.QuotaClassInput;
import dev.berth.api.model.QuotaClassList;
import dev.berth.api.model.QuotaLimits;
import dev.berth.api.rest.AdminQuotaClassesApi;
import dev.berth.tenants.units.Money;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** {@code /v1/admin/quota-classes}: platform admins manage named quota limit sets. */
@RolesAllowed(PLATFORM_ADMIN)
public class QuotaClassesResource implements AdminQuotaClassesApi {

    private final QuotaClassService classes;

    QuotaClassesResource(QuotaClassService classes) {
        this.classes = classes;
    }

    @Override
    public Response listQuotaClasses() {
        return Response.ok(new QuotaClassList().items(classes.list().stream().map(QuotaClassesResource::toApi).toList())).build();
    }

    @Override
    public Response getQuotaClass(String quotaClass) {
        return Response.ok(toApi(classes.get(quotaClass))).build();
    }

    @Override
    public Response putQuotaClass(String quotaClass, QuotaClassInput input) {
        QuotaLimits limits = input.getLimits();
        QuotaClassService.Saved saved = classes.put(quotaClass, new QuotaClassService.Definition(input.getDescription(),
                QuotaMapper.resources(limits), limits.getInstances(), limits.getSnapshots(),
                Boolean.TRUE.equals(input.getDefault()), QuotaMapper.classBudget(limits)));
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(toApi(saved.quotaClass())).build();
    }

    @Override
    public Response deleteQuotaClass(String quotaClass) {
        classes.delete(quotaClass);
        return Response.noContent().build();
    }

    static dev.berth.api.model.QuotaClass toApi(QuotaClass q) {
        return new dev.berth.api.model.QuotaClass().name(q.name()).description(q.description())
                .limits(QuotaMapper.limits(q.limits(), q.instances()).snapshots(q.snapshots())
                        .monthlyBudget(q.monthlyBudgetMicros() == null ? null : Money.fromMicros(q.monthlyBudgetMicros())))
                ._default(q.isDefault()).createdAt(utc(q.createdAt())).updatedAt(utc(q.updatedAt()));
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(java.time.ZoneOffset.UTC);
    }
}
