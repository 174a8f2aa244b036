package dev.berth.broker.usage;

import java.time.OffsetDateTime;

import dev.berth.api.rest.AdminUsageApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** {@code GET /v1/admin/usage}: any tenant, or all of them, as JSON or CSV. */
@RolesAllowed(PLATFORM_ADMIN)
public class AdminUsageResource implements AdminUsageApi {

    private final UsageService usage;

    @Context
    HttpHeaders headers;

    AdminUsageResource(UsageService usage) {
        this.usage = usage;
    }

    @Override
    public Response getAdminUsage(String tenant, OffsetDateTime from, OffsetDateTime to, String groupBy) {
        return UsageResponses.render(usage.forAdmin(tenant, from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(), UsageQuery.splitGroupBy(groupBy)), headers);
    }
}
