package dev.berth.broker.images;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.Timestamp;
import dev.berth.api.model.PlatformImageArtefacts;
import dev.berth.api.model.PlatformImageInput;
import dev.berth.api.model.PlatformImageKind;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.security.Role;
import dev.berth.grpc.v1.DeletePlatformImageResponse;
import dev.berth.grpc.v1.Images;
import dev.berth.grpc.v1.ListImagesRequest;
import dev.berth.grpc.v1.ListImagesResponse;
import dev.berth.grpc.v1.PlatformImageRequest;
import dev.berth.grpc.v1.RegisterPlatformImageRequest;
import dev.berth.provider.spi.WorkloadKind;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/**
 * gRPC adapter for platform images ({@code berth.v1.Images}); the same service and the same
 * validation (the request becomes the REST model and is validated as such) as
 * {@link PlatformImagesResource} and {@link ImagesResource}.
 */
@GrpcService
@Blocking
public class ImagesGrpcService implements Images {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final PlatformImageService images;
    private final Validator validator;

    ImagesGrpcService(SecurityIdentity identity, CallerResolver callers, PlatformImageService images, Validator validator) {
        this.identity = identity;
        this.callers = callers;
        this.images = images;
        this.validator = validator;
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
    public Uni<ListImagesResponse> listImages(ListImagesRequest request) {
        return Uni.createFrom().item(list(callers.resolve(identity).hasRole(Role.PLATFORM_ADMIN)));
    }

    @Override
    @RolesAllowed(PLATFORM_ADMIN)
    public Uni<ListImagesResponse> listPlatformImages(ListImagesRequest request) {
        return Uni.createFrom().item(list(true));
    }

    @Override
    @RolesAllowed(PLATFORM_ADMIN)
    public Uni<dev.berth.grpc.v1.PlatformImage> registerPlatformImage(RegisterPlatformImageRequest r) {
        PlatformImageKind kind;
        try {
            kind = PlatformImageKind.fromValue(r.getKind());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("kind", "must be container or vm");
        }
        List<UUID> hostIds = new ArrayList<>();
        for (String id : r.getHostIdsList()) {
            hostIds.add(uuid("hostIds", id));
        }
        dev.berth.grpc.v1.PlatformImageArtefacts a = r.getArtefacts();
        PlatformImageInput input = ModelValidation.valid(validator, new PlatformImageInput().name(r.getName()).kind(kind)
                .artefacts(new PlatformImageArtefacts().docker(blankToNull(a.getDocker()))
                        .libvirt(blankToNull(a.getLibvirt())).aws(blankToNull(a.getAws())))
                .hostIds(hostIds.isEmpty() ? null : hostIds).description(blankToNull(r.getDescription())));
        return Uni.createFrom().item(toProto(images.register(PlatformImageMapper.registration(input)), true));
    }

    @Override
    @RolesAllowed(PLATFORM_ADMIN)
    public Uni<dev.berth.grpc.v1.PlatformImage> getPlatformImage(PlatformImageRequest request) {
        return Uni.createFrom().item(toProto(images.get(uuid("imageId", request.getImageId())), true));
    }

    @Override
    @RolesAllowed(PLATFORM_ADMIN)
    public Uni<DeletePlatformImageResponse> deletePlatformImage(PlatformImageRequest request) {
        images.delete(uuid("imageId", request.getImageId()));
        return Uni.createFrom().item(DeletePlatformImageResponse.getDefaultInstance());
    }

    private ListImagesResponse list(boolean admin) {
        ListImagesResponse.Builder out = ListImagesResponse.newBuilder();
        images.list().forEach(i -> out.addItems(toProto(i, admin)));
        return out.build();
    }

    private static dev.berth.grpc.v1.PlatformImage toProto(PlatformImage image, boolean admin) {
        dev.berth.grpc.v1.PlatformImage.Builder b = dev.berth.grpc.v1.PlatformImage.newBuilder()
                .setId(image.id().toString()).setName(image.name())
                .setKind(image.kind() == WorkloadKind.VM ? "vm" : "container")
                .setDescription(image.description()).setCreatedAt(timestamp(image.createdAt()));
        if (admin) {
            dev.berth.grpc.v1.PlatformImageArtefacts.Builder a = dev.berth.grpc.v1.PlatformImageArtefacts.newBuilder();
            image.artefacts().forEach((driver, artefact) -> {
                switch (driver) {
                    case "docker" -> a.setDocker(artefact);
                    case "libvirt" -> a.setLibvirt(artefact);
                    case "aws" -> a.setAws(artefact);
                    default -> { } // a driver this API version does not know: not shown
                }
            });
            b.setArtefacts(a).addAllHostIds(image.hostIds().stream().map(UUID::toString).sorted().toList());
        }
        return b.build();
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field, "must be a UUID");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Timestamp timestamp(OffsetDateTime t) {
        return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
    }
}
