package dev.berth.broker.images;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.ImagesGrpc;
import dev.berth.grpc.v1.ListImagesRequest;
import dev.berth.grpc.v1.PlatformImageRequest;
import dev.berth.grpc.v1.RegisterPlatformImageRequest;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.PlatformImage;
import dev.berth.sdk.model.PlatformImageArtefacts;
import dev.berth.sdk.model.PlatformImageInput;
import dev.berth.sdk.model.PlatformImageKind;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code /v1/admin/images} and {@code /v1/images} (gRPC {@code berth.v1.Images}): platform
 * admins register images; tenants read names only and cannot touch the admin routes; every
 * artefact in Berth's own namespaces, every image id and every wrong driver is refused with
 * nothing stored; a host-scoped image lands only on its hosts.
 */
@QuarkusTest
class PlatformImagesTest {

    private static final String VICTIM = "0b4c7e0e-6f0e-4d5e-9d7a-1f2e3d4c5b6a";

    private Api admin;
    private Api alice;

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        admin = Api.as("admin");
        alice = Api.as("alice");
    }

    @Test
    void adminRegistersListsGetsAndDeletesTenantsSeeNamesOnly() throws Exception {
        PlatformImage created = admin.adminImages().registerPlatformImage(new PlatformImageInput().name("ubuntu-24.04")
                .kind(PlatformImageKind.VM).artefacts(new PlatformImageArtefacts().libvirt("ubuntu-24.04.qcow2").aws("ubuntu-24.04"))
                .description("Ubuntu LTS"));

        assertThat(created.getArtefacts().getLibvirt()).isEqualTo("ubuntu-24.04.qcow2");
        assertThat(admin.adminImages().getPlatformImage(created.getId()).getName()).isEqualTo("ubuntu-24.04");
        assertThat(admin.adminImages().listPlatformImages().getItems()).extracting(PlatformImage::getName)
                .containsExactly("ubuntu-24.04");
        assertThat(alice.images().listImages().getItems()).singleElement().satisfies(i -> {
            assertThat(i.getName()).isEqualTo("ubuntu-24.04");
            assertThat(i.getKind()).isEqualTo(PlatformImageKind.VM);
            assertThat(i.getArtefacts()).as("host artefacts are the platform's business").isNull();
            assertThat(i.getHostIds()).isNullOrEmpty();
        });

        ApiException taken = catchThrowableOfType(ApiException.class, () -> admin.adminImages().registerPlatformImage(
                new PlatformImageInput().name("ubuntu-24.04").kind(PlatformImageKind.VM)
                        .artefacts(new PlatformImageArtefacts().libvirt("other.qcow2"))));
        assertThat(taken.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(taken)).isEqualTo("image.name_taken");

        admin.adminImages().deletePlatformImage(created.getId());
        ApiException gone = catchThrowableOfType(ApiException.class, () -> admin.adminImages().getPlatformImage(created.getId()));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(gone)).isEqualTo("image.not_found");
        ApiException goneAgain = catchThrowableOfType(ApiException.class,
                () -> admin.adminImages().deletePlatformImage(created.getId()));
        assertThat(BerthProblems.code(goneAgain)).isEqualTo("image.not_found");
        assertThat(count()).isZero();
    }

    @Test
    void tenantsCannotUseTheAdminRoutes() throws Exception {
        PlatformImage image = admin.adminImages().registerPlatformImage(busybox("busybox-platform"));
        for (String user : List.of("alice", "bob")) {
            Api tenant = Api.as(user);
            List<ThrowingSupplier<?>> calls = List.of(
                    () -> tenant.adminImages().listPlatformImages(),
                    () -> tenant.adminImages().getPlatformImage(image.getId()),
                    () -> tenant.adminImages().registerPlatformImage(busybox("mine")),
                    () -> { tenant.adminImages().deletePlatformImage(image.getId()); return null; });
            for (ThrowingSupplier<?> call : calls) {
                ApiException e = catchThrowableOfType(ApiException.class, call::get);
                assertThat(e).as(user).isNotNull();
                assertThat(e.getCode()).as(user).isEqualTo(403);
            }
        }
        assertThat(count()).as("the image is still there, nothing else").isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithNothingStored() throws Exception {
        Host docker = Api.registerLocalDocker("docker-1", null);
        List<PlatformImageInput> bad = List.of(
                // Berth's own namespaces, as every driver's artefact and as the name
                vm("a").artefacts(new PlatformImageArtefacts().libvirt("berth-" + VICTIM)),
                vm("b").artefacts(new PlatformImageArtefacts().libvirt("berth-seed-" + VICTIM + ".iso")),
                vm("c").artefacts(new PlatformImageArtefacts().libvirt("berth-backup-" + VICTIM + "-nightly")),
                vm("d").artefacts(new PlatformImageArtefacts().libvirt("berth-anything")),
                container("e").artefacts(new PlatformImageArtefacts().docker("berth-snapshots/" + VICTIM + ":nightly")),
                container("f").artefacts(new PlatformImageArtefacts().docker("sha256:ab12")),
                container("g").artefacts(new PlatformImageArtefacts().docker("ab12cd")),
                vm("h").artefacts(new PlatformImageArtefacts().aws("berth-" + VICTIM)),
                container("berth-snapshots/" + VICTIM).artefacts(new PlatformImageArtefacts().docker("busybox:1")),
                // a driver that cannot run the kind, no artefact at all, malformed values
                container("i").artefacts(new PlatformImageArtefacts().libvirt("debian.qcow2")),
                vm("j").artefacts(new PlatformImageArtefacts().docker("busybox:1")),
                vm("k").artefacts(new PlatformImageArtefacts()),
                vm("l").artefacts(new PlatformImageArtefacts().libvirt("../etc/passwd")),
                vm("m").artefacts(new PlatformImageArtefacts().aws("AMI 123")),
                container("n@sha256:" + "0".repeat(64)).artefacts(new PlatformImageArtefacts().docker("busybox:1")),
                container("UPPER").artefacts(new PlatformImageArtefacts().docker("busybox:1")),
                container("o").artefacts(new PlatformImageArtefacts().docker("busybox:1")).hostIds(List.of(UUID.randomUUID())));
        for (PlatformImageInput input : bad) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> admin.adminImages().registerPlatformImage(input));
            assertThat(e).as(input.toString()).isNotNull();
            assertThat(e.getCode()).as(input.toString()).isEqualTo(400);
            assertThat(BerthProblems.code(e)).as(input.toString()).isIn("request.invalid", "request.malformed");
        }
        ApiException badId = catchThrowableOfType(ApiException.class, () -> Api.as("admin").adminImages()
                .getPlatformImage(UUID.randomUUID()));
        assertThat(BerthProblems.code(badId)).isEqualTo("image.not_found");
        assertThat(count()).isZero();
        assertThat(docker.getId()).isNotNull();
    }

    @Test
    void hostScopedImageLandsOnlyOnItsHosts() throws Exception {
        Host one = Api.registerLocalDocker("docker-1", null);
        Host two = Api.registerLocalDocker("docker-2", null);
        admin.adminImages().registerPlatformImage(busybox("pinned").hostIds(List.of(two.getId())));
        Api.setQuota("acme", "4", 1024, 10, 10);

        for (int i = 0; i < 3; i++) {
            Workload w = alice.workloads().createWorkload(new WorkloadCreate().name("pinned-" + i)
                    .kind(WorkloadKind.CONTAINER).image("pinned").command(List.of("sleep", "600"))
                    .resources(new ResourceRequest().vcpu(new BigDecimal("0.1")).memoryMiB(16L)), null).getWorkload();
            assertThat(w.getHostId()).isEqualTo(two.getId()).isNotEqualTo(one.getId());
            alice.awaitStatus(w.getId(), WorkloadStatus.RUNNING);
        }
    }

    @Test
    void grpcParityWithRolesAndBadInput() throws Exception {
        try (GrpcCalls grpc = new GrpcCalls()) {
            ImagesGrpc.ImagesBlockingStub adminGrpc = grpc.images(Tokens.user("admin"));
            ImagesGrpc.ImagesBlockingStub aliceGrpc = grpc.images(Tokens.user("alice"));
            dev.berth.grpc.v1.PlatformImage created = adminGrpc.registerPlatformImage(RegisterPlatformImageRequest.newBuilder()
                    .setName("debian-12-base").setKind("vm").setArtefacts(dev.berth.grpc.v1.PlatformImageArtefacts.newBuilder()
                            .setLibvirt("debian-12-base")).build());
            assertThat(adminGrpc.getPlatformImage(PlatformImageRequest.newBuilder().setImageId(created.getId()).build())
                    .getArtefacts().getLibvirt()).isEqualTo("debian-12-base");
            assertThat(adminGrpc.listPlatformImages(ListImagesRequest.getDefaultInstance()).getItemsList()).hasSize(1);
            assertThat(aliceGrpc.listImages(ListImagesRequest.getDefaultInstance()).getItemsList()).singleElement()
                    .satisfies(i -> assertThat(i.hasArtefacts()).isFalse());

            for (Runnable call : List.<Runnable>of(
                    () -> aliceGrpc.listPlatformImages(ListImagesRequest.getDefaultInstance()),
                    () -> aliceGrpc.getPlatformImage(PlatformImageRequest.newBuilder().setImageId(created.getId()).build()),
                    () -> aliceGrpc.deletePlatformImage(PlatformImageRequest.newBuilder().setImageId(created.getId()).build()),
                    () -> aliceGrpc.registerPlatformImage(RegisterPlatformImageRequest.newBuilder().setName("x").setKind("vm")
                            .setArtefacts(dev.berth.grpc.v1.PlatformImageArtefacts.newBuilder().setLibvirt("x.qcow2")).build()))) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            }

            Map<String, RegisterPlatformImageRequest> bad = Map.of(
                    "disk", RegisterPlatformImageRequest.newBuilder().setName("a").setKind("vm")
                            .setArtefacts(dev.berth.grpc.v1.PlatformImageArtefacts.newBuilder().setLibvirt("berth-" + VICTIM)).build(),
                    "kind", RegisterPlatformImageRequest.newBuilder().setName("b").setKind("unikernel")
                            .setArtefacts(dev.berth.grpc.v1.PlatformImageArtefacts.newBuilder().setLibvirt("b.qcow2")).build(),
                    "id", RegisterPlatformImageRequest.newBuilder().setName("c").setKind("container")
                            .setArtefacts(dev.berth.grpc.v1.PlatformImageArtefacts.newBuilder().setDocker("sha256:ab12")).build(),
                    "host", RegisterPlatformImageRequest.newBuilder().setName("d").setKind("container").addHostIds("nope")
                            .setArtefacts(dev.berth.grpc.v1.PlatformImageArtefacts.newBuilder().setDocker("busybox:1")).build(),
                    "none", RegisterPlatformImageRequest.newBuilder().setName("e").setKind("vm").build());
            bad.forEach((why, request) -> {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                        () -> adminGrpc.registerPlatformImage(request));
                assertThat(e).as(why).isNotNull();
                assertThat(e.getStatus().getCode()).as(why).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(GrpcCalls.errorCode(e)).as(why).isEqualTo("request.invalid");
            });
            StatusRuntimeException badUuid = catchThrowableOfType(StatusRuntimeException.class,
                    () -> adminGrpc.getPlatformImage(PlatformImageRequest.newBuilder().setImageId("nope").build()));
            assertThat(badUuid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class, () -> adminGrpc
                    .deletePlatformImage(PlatformImageRequest.newBuilder().setImageId(UUID.randomUUID().toString()).build()));
            assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(GrpcCalls.errorCode(missing)).isEqualTo("image.not_found");
            assertThat(count()).as("only the one registered image").isEqualTo(1);

            adminGrpc.deletePlatformImage(PlatformImageRequest.newBuilder().setImageId(created.getId()).build());
            assertThat(count()).isZero();
        }
    }

    private static PlatformImageInput busybox(String name) {
        return container(name).artefacts(new PlatformImageArtefacts().docker("berth-demo/busybox:1"));
    }

    private static PlatformImageInput vm(String name) {
        return new PlatformImageInput().name(name).kind(PlatformImageKind.VM);
    }

    private static PlatformImageInput container(String name) {
        return new PlatformImageInput().name(name).kind(PlatformImageKind.CONTAINER);
    }

    private static long count() {
        return TestDatabase.longValue("SELECT count(*) FROM platform_image");
    }
}
