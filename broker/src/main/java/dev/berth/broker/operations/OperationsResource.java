package dev.berth.broker.operations;

import java.util.UUID;

import dev.berth.api.rest.OperationsApi;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.workloads.WorkloadMapper;
import dev.berth.broker.workloads.WorkloadService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** REST adapter for {@code GET /v1/operations/{id}}. */
@RolesAllowed({TENANT_USER, TENANT_ADMIN})
public class OperationsResource implements OperationsApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final WorkloadService workloads;

    OperationsResource(SecurityIdentity identity, CallerResolver callers, WorkloadService workloads) {
        this.identity = identity;
        this.callers = callers;
        this.workloads = workloads;
    }

    @Override
    public Response getOperation(UUID operationId) {
        return Response.ok(WorkloadMapper.toApi(workloads.operation(callers.resolve(identity).requireTenant(), operationId))).build();
    }
}
