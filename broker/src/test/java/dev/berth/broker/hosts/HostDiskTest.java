package dev.berth.broker.hosts;

import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.provider.spi.Resources;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostUpdate;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 item 4: a Docker host registered from the engine shows the disk of its data root,
 * and a container asking for disk is placed on it; a host whose disk is unknown counts disk
 * but never refuses it (V23), and an admin stating the disk makes it a limit.
 */
@QuarkusTest
class HostDiskTest {

    private static final Resources ONE_GIB = new Resources(100, 64, 1);

    @Inject
    Database db;
    @Inject
    HostRepository hosts;

    @BeforeEach
    void reset() {
        TestDatabase.reset();
        Api.setQuota("acme", "4", 4096, 10, 5);
    }

    @Test
    void theLocalEngineShowsItsDiskAndAContainerAskingForDiskRunsThere() throws Exception {
        Host host = Api.registerLocalDocker("engine-1", null);

        assertThat(host.getCapacity().getDiskGiB()).as("the data root's filesystem").isPositive();
        assertThat(host.getDiskEnforced()).isTrue();

        Api alice = Api.as("alice");
        Workload created = alice.workloads().createWorkload(Api.sleeper("disky", "0.5", 256)
                .resources(new dev.berth.sdk.model.ResourceRequest().vcpu(new java.math.BigDecimal("0.5")).memoryMiB(256L).diskGiB(1L)),
                null).getWorkload();
        Workload running = alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        assertThat(running.getHostId()).isEqualTo(host.getId());
        assertThat(Api.as("admin").hosts().getHost(host.getId()).getAllocated().getDiskGiB()).isEqualTo(1);
        alice.workloads().deleteWorkload(created.getId(), null);
    }

    @Test
    void anUnknownDiskIsCountedButNeverRefusedUntilAnAdminStatesIt() throws Exception {
        UUID id = Api.registerLocalDocker("engine-1", null).getId();
        // As a remote engine registers: disk not measured, nothing stated.
        TestDatabase.execute("UPDATE host SET capacity_disk_gib = 0, disk_enforced = false WHERE id = '" + id + "'");

        assertThat(reserve(id)).isTrue();
        assertThat(reserve(id)).isTrue();
        assertThat(TestDatabase.longValue("SELECT allocated_disk_gib FROM host")).as("counted").isEqualTo(2);
        assertThat(Api.as("admin").hosts().getHost(id).getDiskEnforced()).isFalse();

        // Stating a disk below what is allocated is refused by the CHECK once it is enforced.
        dev.berth.sdk.ApiException below = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Api.as("admin").hosts().updateHost(id, new HostUpdate().capacity(new HostCapacity().diskGiB(1L))),
                dev.berth.sdk.ApiException.class);
        assertThat(below.getCode()).isEqualTo(409);
        assertThat(below.getResponseBody()).contains("host.capacity_below_allocation");
        assertThat(Api.as("admin").hosts().getHost(id).getDiskEnforced()).as("nothing half-written").isFalse();
        Host stated = Api.as("admin").hosts().updateHost(id, new HostUpdate().capacity(new HostCapacity().diskGiB(3L)));
        assertThat(stated.getDiskEnforced()).isTrue();
        assertThat(reserve(id)).as("3 GiB stated, 2 held: one more fits").isTrue();
        assertThat(reserve(id)).as("now disk is a limit").isFalse();
    }

    @Test
    void anEnforcedHostWithoutDiskRefusesTheReservation() {
        UUID id = Api.registerLocalDocker("engine-1", null).getId();
        TestDatabase.execute("UPDATE host SET capacity_disk_gib = 0, disk_enforced = true WHERE id = '" + id + "'");

        assertThat(reserve(id)).isFalse();
        assertThat(TestDatabase.longValue("SELECT allocated_instances FROM host")).as("nothing half-reserved").isZero();
    }

    private boolean reserve(UUID id) {
        return db.transaction(c -> hosts.reserve(c, id, ONE_GIB));
    }
}
