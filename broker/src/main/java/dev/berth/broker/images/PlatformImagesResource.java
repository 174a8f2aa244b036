package dev.berth.broker.images;

import java.util.UUID;

import dev.berth.api.model.PlatformImageInput;
import dev.berth.api.model.PlatformImageList;
import dev.berth.api.rest.AdminImagesApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** {@code /v1/admin/images}: platform admins register the images tenants may start from. */
@RolesAllowed(PLATFORM_ADMIN)
public class PlatformImagesResource implements AdminImagesApi {

    private final PlatformImageService images;

    PlatformImagesResource(PlatformImageService images) {
        this.images = images;
    }

    @Override
    public Response registerPlatformImage(PlatformImageInput input) {
        PlatformImage image = images.register(PlatformImageMapper.registration(input));
        return Response.status(Response.Status.CREATED).entity(PlatformImageMapper.toApi(image, true)).build();
    }

    @Override
    public Response listPlatformImages() {
        return Response.ok(new PlatformImageList().items(images.list().stream()
                .map(i -> PlatformImageMapper.toApi(i, true)).toList())).build();
    }

    @Override
    public Response getPlatformImage(UUID imageId) {
        return Response.ok(PlatformImageMapper.toApi(images.get(imageId), true)).build();
    }

    @Override
    public Response deletePlatformImage(UUID imageId) {
        images.delete(imageId);
        return Response.noContent().build();
    }
}
