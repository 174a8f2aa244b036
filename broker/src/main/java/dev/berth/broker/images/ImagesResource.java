package dev.berth.broker.images;

import dev.berth.api.model.PlatformImageList;
import dev.berth.api.rest.ImagesApi;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** {@code GET /v1/images}: the platform images anyone may start from; artefacts for platform admins only. */
public class ImagesResource implements ImagesApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final PlatformImageService images;

    ImagesResource(SecurityIdentity identity, CallerResolver callers, PlatformImageService images) {
        this.identity = identity;
        this.callers = callers;
        this.images = images;
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
    public Response listImages() {
        boolean admin = callers.resolve(identity).hasRole(Role.PLATFORM_ADMIN);
        return Response.ok(new PlatformImageList().items(images.list().stream()
                .map(i -> PlatformImageMapper.toApi(i, admin)).toList())).build();
    }
}
