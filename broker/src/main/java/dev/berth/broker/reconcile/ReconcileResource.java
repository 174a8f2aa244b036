package dev.berth.broker.reconcile;

import java.util.UUID;

import dev.berth.api.rest.AdminReconcileApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** REST adapter for {@code /v1/admin/reconcile} and {@code /v1/admin/hosts/{id}/reconcile}: platform admins only. */
@RolesAllowed(PLATFORM_ADMIN)
public class ReconcileResource implements AdminReconcileApi {

    private final Reconciler reconciler;

    ReconcileResource(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public Response reconcileHost(UUID hostId) {
        return Response.ok(ReconcileMapper.toApi(reconciler.runNow(hostId))).build();
    }

    @Override
    public Response getReconcileStatus() {
        return Response.ok(ReconcileMapper.toApi(reconciler.states(), reconciler.openFindings())).build();
    }
}
