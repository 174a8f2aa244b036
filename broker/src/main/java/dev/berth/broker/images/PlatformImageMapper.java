package dev.berth.broker.images;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.api.model.PlatformImageArtefacts;
import dev.berth.api.model.PlatformImageInput;
import dev.berth.api.model.PlatformImageKind;
import dev.berth.provider.spi.WorkloadKind;

/** Platform images between the API model (REST, and gRPC through it) and the service. */
final class PlatformImageMapper {

    private PlatformImageMapper() {
    }

    static PlatformImageService.Registration registration(PlatformImageInput in) {
        return new PlatformImageService.Registration(in.getName(),
                in.getKind() == PlatformImageKind.VM ? WorkloadKind.VM : WorkloadKind.CONTAINER,
                artefacts(in.getArtefacts()), in.getHostIds() == null ? Set.of() : Set.copyOf(in.getHostIds()),
                in.getDescription());
    }

    static Map<String, String> artefacts(PlatformImageArtefacts a) {
        Map<String, String> out = new LinkedHashMap<>();
        if (a != null) {
            putIfSet(out, "docker", a.getDocker());
            putIfSet(out, "libvirt", a.getLibvirt());
            putIfSet(out, "aws", a.getAws());
        }
        return out;
    }

    /** {@code admin}: artefacts and host scope shown; tenants see name, kind and description only. */
    static dev.berth.api.model.PlatformImage toApi(PlatformImage image, boolean admin) {
        dev.berth.api.model.PlatformImage out = new dev.berth.api.model.PlatformImage().id(image.id()).name(image.name())
                .kind(image.kind() == WorkloadKind.VM ? PlatformImageKind.VM : PlatformImageKind.CONTAINER)
                .description(image.description()).createdAt(image.createdAt().withOffsetSameInstant(ZoneOffset.UTC));
        if (admin) {
            Map<String, String> a = image.artefacts();
            out.artefacts(new PlatformImageArtefacts().docker(a.get("docker")).libvirt(a.get("libvirt")).aws(a.get("aws")))
                    .hostIds(List.copyOf(image.hostIds()));
        }
        return out;
    }

    private static void putIfSet(Map<String, String> out, String driver, String artefact) {
        if (artefact != null) {
            out.put(driver, artefact);
        }
    }
}
