package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.PlatformImages;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.provider.libvirt.LibvirtDriverFactory;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.Isolation;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.VmOptions;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/**
 * VMs on a libvirt host (the real libvirt library with its {@code test:///default}
 * hypervisor, which shares state with every connection in this JVM — so the test can look
 * at the broker's domains directly) next to containers on the real Docker engine.
 */
@QuarkusTest
class VmWorkloadTest {

    static final String BASE_IMAGE = "debian-12-base";

    private Host docker;
    private Host kvm;
    private ProviderDriver hypervisor;

    @BeforeEach
    void mixedFleet() throws ApiException {
        TestDatabase.reset();
        PlatformImages.registerVmImages();
        hypervisor = new LibvirtDriverFactory().open(new HostConnection("libvirt", "test:///default", Map.of()));
        docker = Api.registerLocalDocker("docker-1", null);
        kvm = Api.as("admin").hosts().registerHost(new HostCreate().name("kvm-1").driver(HostDriver.LIBVIRT)
                .endpoint("test:///default").options(Map.of("seedBaseImages", BASE_IMAGE)));
        Api.setQuota("acme", "8", 4096, 40, 10);
    }

    @AfterEach
    void closeHypervisor() {
        hypervisor.close();
    }

    static WorkloadCreate vm(String name, String vcpu) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.VM).image(BASE_IMAGE)
                .resources(new ResourceRequest().vcpu(new BigDecimal(vcpu)).memoryMiB(256L).diskGiB(2L));
    }

    @Test
    void vmLivesAndDiesOnTheLibvirtHost() throws Exception {
        assertThat(kvm.getSupportedKinds()).containsExactly(WorkloadKind.VM);
        assertThat(kvm.getHealth().getStatus().getValue()).isEqualTo("HEALTHY");
        Api alice = Api.as("alice");
        Workload created = alice.workloads().createWorkload(vm("vm-1", "1.5"), null).getWorkload();
        assertThat(created.getKind()).isEqualTo(WorkloadKind.VM);
        assertThat(created.getKindReason()).isEqualTo("requested");
        assertThat(created.getHostId()).isEqualTo(kvm.getId());
        assertThat(created.getResources().getVcpu()).as("VMs get whole vCPUs").isEqualByComparingTo("2");

        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        ActualState domain = hypervisor.describe(created.getId()).orElseThrow();
        assertThat(domain.status()).isEqualTo(ActualState.Status.RUNNING);
        assertThat(domain.tenant()).isEqualTo("acme");
        assertThat(domain.applied()).hasValueSatisfying(r -> {
            assertThat(r.milliCpu()).isEqualTo(2000);
            assertThat(r.memoryMiB()).isEqualTo(256);
        });
        assertThat(alice.quota().getQuota().getUsage().getVcpu()).isEqualByComparingTo("2");

        alice.workloads().stopWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.STOPPED);
        assertThat(hypervisor.describe(created.getId()).orElseThrow().status()).isEqualTo(ActualState.Status.STOPPED);
        alice.workloads().startWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        alice.workloads().restartWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);

        alice.workloads().deleteWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.DELETED);
        assertThat(hypervisor.describe(created.getId())).as("domain undefined").isEmpty();
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isZero();
        assertThat(alice.quota().getQuota().getUsage().getVcpu()).isEqualByComparingTo("0");
    }

    /** Issue 4's last gap: user data and SSH keys reach the guest as a NoCloud seed disk. */
    @Test
    void userDataAndSshKeysReachTheDomainAsASeedDiskThatDeleteRemoves() throws Exception {
        Api alice = Api.as("alice");
        Workload created = alice.workloads().createWorkload(vm("seeded", "1").vm(new VmOptions()
                .userData("#cloud-config\nruncmd: [[touch, /var/tmp/berth]]\n")
                .sshKeys(List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOr9wZbV2mG6aQ alice@laptop"))), null).getWorkload();
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        String seed = "berth-seed-" + created.getId() + ".iso";
        Connect libvirt = new Connect("test:///default");
        try {
            assertThat(libvirt.domainLookupByName("berth-" + created.getId()).getXMLDesc(0))
                    .contains("volume='" + seed + "'", "<target dev='vdb' bus='virtio'/>", "<readonly/>");
            long seedBytes = libvirt.storagePoolLookupByName("default-pool").storageVolLookupByName(seed).getInfo().capacity;
            assertThat(seedBytes % 2048).as("an ISO image: whole 2048-byte sectors, " + seedBytes + " bytes").isZero();
            assertThat(seedBytes).isGreaterThanOrEqualTo(25 * 2048);

            alice.workloads().deleteWorkload(created.getId(), null);
            alice.awaitStatus(created.getId(), WorkloadStatus.DELETED);
            assertThat(List.of(libvirt.storagePoolLookupByName("default-pool").listVolumes())).doesNotContain(seed);
        } finally {
            libvirt.close();
        }
    }

    @Test
    void autoPicksVmForStrongIsolationAndContainerOtherwise() throws Exception {
        Api alice = Api.as("alice");
        Workload strong = alice.workloads().createWorkload(vm("strong", "1").kind(WorkloadKind.AUTO)
                .isolation(Isolation.STRONG), null).getWorkload();
        assertThat(strong.getKind()).isEqualTo(WorkloadKind.VM);
        assertThat(strong.getKindReason()).contains("isolation: strong");
        assertThat(strong.getHostId()).isEqualTo(kvm.getId());

        Workload untrusted = alice.workloads().createWorkload(vm("untrusted", "1").kind(WorkloadKind.AUTO).untrusted(true), null)
                .getWorkload();
        assertThat(untrusted.getKind()).isEqualTo(WorkloadKind.VM);
        assertThat(untrusted.getKindReason()).contains("untrusted");

        Workload plain = alice.workloads().createWorkload(Api.sleeper("plain", "0.5", 64).kind(WorkloadKind.AUTO), null)
                .getWorkload();
        assertThat(plain.getKind()).isEqualTo(WorkloadKind.CONTAINER);
        assertThat(plain.getKindReason()).contains("container starts faster");
        assertThat(plain.getHostId()).isEqualTo(docker.getId());
        for (Workload w : List.of(strong, untrusted, plain)) {
            alice.awaitStatus(w.getId(), WorkloadStatus.RUNNING);
        }
    }

    @Test
    void autoFallsBackToTheKindTheFleetCanRun() throws Exception {
        Api alice = Api.as("alice");
        Api.as("admin").hosts().cordonHost(docker.getId());
        Workload fallback = alice.workloads().createWorkload(vm("fallback", "1").kind(WorkloadKind.AUTO), null).getWorkload();
        assertThat(fallback.getKind()).isEqualTo(WorkloadKind.VM);
        assertThat(fallback.getKindReason()).contains("no host could take a container");

        Api.as("admin").hosts().uncordonHost(docker.getId());
        Api.as("admin").hosts().cordonHost(kvm.getId());
        ApiException strongWithoutVmHosts = catchThrowableOfType(ApiException.class, () -> alice.workloads()
                .createWorkload(vm("strong", "1").kind(WorkloadKind.AUTO).isolation(Isolation.STRONG), null));
        assertThat(strongWithoutVmHosts.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(strongWithoutVmHosts)).as("strong isolation never falls back to a container")
                .isEqualTo("placement.no_fit");
        assertThat(strongWithoutVmHosts.getResponseBody()).contains("\"filter\":\"KindSupport\"");
    }

    @Test
    void mixedFleetPutsEachKindOnAHostThatRunsItAndSharesOneQuota() throws Exception {
        Api alice = Api.as("alice");
        List<Workload> created = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(alice.workloads().createWorkload(vm("vm-" + i, "1"), null).getWorkload());
            created.add(alice.workloads().createWorkload(Api.sleeper("ct-" + i, "0.5", 64), null).getWorkload());
        }
        for (Workload w : created) {
            assertThat(w.getHostId()).isEqualTo(w.getKind() == WorkloadKind.VM ? kvm.getId() : docker.getId());
            alice.awaitStatus(w.getId(), WorkloadStatus.RUNNING);
        }
        var usage = alice.quota().getQuota().getUsage();
        assertThat(usage.getInstances()).isEqualTo(6);
        assertThat(usage.getVcpu()).isEqualByComparingTo("4.5");
        assertThat(usage.getMemoryMiB()).isEqualTo(3 * 256 + 3 * 64);
        assertThat(usage.getDiskGiB()).isEqualTo(3 * 2);
        ApiException full = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(vm("one-too-many", "4"), null));
        assertThat(BerthProblems.code(full)).isEqualTo("quota.exceeded");
    }

    @Test
    void badVmInputIsRejectedAndNothingStored() {
        String token = Tokens.user("alice");
        String base = "{\"name\":\"bad\",\"kind\":\"vm\",\"image\":\"" + BASE_IMAGE + "\",\"resources\":{\"vcpu\":1,\"memoryMiB\":256,\"diskGiB\":2}";
        Map<String, String> bodies = Map.of(
                "oversized user data", base + ",\"vm\":{\"userData\":\"" + "x".repeat(20000) + "\"}}",
                "zero disk", base.replace("\"diskGiB\":2", "\"diskGiB\":0") + "}",
                "bad ssh key", base + ",\"vm\":{\"sshKeys\":[\"not a key\"]}}",
                "untrusted container", base.replace("\"kind\":\"vm\"", "\"kind\":\"container\"") + ",\"untrusted\":true}",
                "vm settings on a container", base.replace("\"kind\":\"vm\"", "\"kind\":\"container\"") + ",\"vm\":{\"osFamily\":\"linux\"}}");
        bodies.forEach((what, body) -> given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/v1/workloads").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("request.invalid")));
        given().auth().oauth2(token).contentType("application/json").body(base + ",\"vm\":{\"osFamily\":\"plan9\"}}")
                .post("/v1/workloads").then().statusCode(400).body("code", equalTo("request.malformed"));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isZero();
        assertThat(TestDatabase.longValue("SELECT used_instances FROM tenant_quota WHERE tenant = 'acme'")).isZero();
    }

    @Test
    void libvirtHostThatDisappearsMidProvisionFailsCleanly() throws Exception {
        Api alice = Api.as("alice");
        // The host is healthy at admission, then goes away: its URI now points at nothing (loopback).
        TestDatabase.execute("UPDATE host SET endpoint = 'qemu+tcp://127.0.0.1:1/system' WHERE id = '" + kvm.getId() + "'");
        Workload w = alice.workloads().createWorkload(vm("doomed", "1"), null).getWorkload();
        assertThat(w.getHostId()).isEqualTo(kvm.getId());

        Workload failed = alice.awaitStatus(w.getId(), WorkloadStatus.FAILED);
        assertThat(failed.getStatusReason()).contains("unavailable after 2 attempts");
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isZero();
        assertThat(Api.as("admin").hosts().getHost(kvm.getId()).getInstances()).isZero();
        Optional<ActualState> domain = hypervisor.describe(w.getId());
        assertThat(domain).as("nothing left defined").isEmpty();
    }
}
