package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.secrets.Envelopes;
import dev.berth.broker.secrets.SecretUnreadable;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.VmOptions;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13, finding 8: a VM's user data is sealed at rest. No table holds it in clear (read
 * over JDBC, not through Berth), the VM still gets it byte for byte, the envelope opens only
 * with the right master key and only for its own workload, and rows written before V14 are
 * sealed at start-up.
 */
@QuarkusTest
class UserDataAtRestTest {

    private static final String MARKER = "s3cr3t-" + UUID.randomUUID();
    private static final String USER_DATA = "#cloud-config\nchpasswd: {list: 'root:" + MARKER + "'}\nruncmd: [[echo, grüße]]\n";

    @Inject
    WorkloadRepository workloads;
    @Inject
    Database db;
    @Inject
    UserDataSealing sealing;

    @BeforeEach
    void fleet() throws Exception {
        TestDatabase.reset();
        Api.as("admin").hosts().registerHost(new HostCreate().name("kvm-1").driver(HostDriver.LIBVIRT)
                .endpoint("test:///default").options(Map.of("seedBaseImages", VmWorkloadTest.BASE_IMAGE)));
        Api.setQuota("acme", "8", 4096, 40, 10);
        dev.berth.broker.testsupport.PlatformImages.registerVmImages();
    }

    @Test
    void userDataIsSealedInTheDatabaseAndReachesTheVmExactly() throws Exception {
        Api alice = Api.as("alice");
        UUID id = alice.workloads().createWorkload(vm("sealed").vm(new VmOptions().userData(USER_DATA)), null)
                .getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.RUNNING);

        assertThat(tablesContaining(MARKER)).as("no table holds the user data in clear").isEmpty();
        String envelope = TestDatabase.strings("SELECT vm_user_data FROM workload WHERE id = '" + id + "'").get(0);
        assertThat(envelope).startsWith("v1.");
        assertThat(TestDatabase.strings("SELECT vm::text FROM workload WHERE id = '" + id + "'").get(0))
                .doesNotContain("userData");

        // What the driver is handed: the exact bytes, opened from the row just read.
        assertThat(spec(id).userData()).isEqualTo(USER_DATA);
        Connect libvirt = new Connect("test:///default");
        try {
            assertThat(libvirt.domainLookupByName("berth-" + id).getXMLDesc(0)).contains("berth-seed-" + id + ".iso");
        } finally {
            libvirt.close();
        }

        // Another master key does not yield garbage: it fails, saying why.
        Envelopes otherKey = Envelopes.withKey("k1", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> otherKey.openText(envelope, UserData.context(id)))
                .isInstanceOf(SecretUnreadable.class).hasMessageContaining("master key 'k1'");
        // Copied into another workload's row, the envelope does not open there.
        UUID other = alice.workloads().createWorkload(vm("other"), null).getWorkload().getId();
        alice.awaitStatus(other, WorkloadStatus.RUNNING);
        TestDatabase.execute("UPDATE workload SET vm_user_data = '" + envelope + "' WHERE id = '" + other + "'");
        assertThatThrownBy(() -> spec(other)).isInstanceOf(SecretUnreadable.class);
        TestDatabase.execute("UPDATE workload SET vm_user_data = NULL WHERE id = '" + other + "'");
    }

    @Test
    void theDatabaseRefusesClearTextInTheSealedColumn() throws Exception {
        Api alice = Api.as("alice");
        UUID id = alice.workloads().createWorkload(vm("plain"), null).getWorkload().getId();

        assertThatThrownBy(() -> TestDatabase.execute("UPDATE workload SET vm_user_data = '#cloud-config' WHERE id = '" + id + "'"))
                .hasMessageContaining("workload_vm_user_data_sealed");
        alice.awaitStatus(id, WorkloadStatus.RUNNING);
    }

    @Test
    void rowsWrittenBeforeV14AreSealedAtStartUp() throws Exception {
        Api alice = Api.as("alice");
        UUID id = alice.workloads().createWorkload(vm("legacy"), null).getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.RUNNING);
        // As V4..V13 stored it: clear text inside the vm column.
        TestDatabase.execute("UPDATE workload SET vm_user_data = NULL, vm = vm || jsonb_build_object('userData', '"
                + USER_DATA.replace("'", "''") + "') WHERE id = '" + id + "'");
        assertThat(spec(id).userData()).as("still readable before sealing").isEqualTo(USER_DATA);
        assertThat(tablesContaining(MARKER)).containsExactly("workload");

        assertThat(sealing.sealAll()).isEqualTo(1);

        assertThat(tablesContaining(MARKER)).isEmpty();
        assertThat(TestDatabase.strings("SELECT vm_user_data FROM workload WHERE id = '" + id + "'").get(0)).startsWith("v1.");
        assertThat(spec(id).userData()).isEqualTo(USER_DATA);
        assertThat(sealing.sealAll()).as("nothing left to seal").isZero();
    }

    private dev.berth.provider.spi.WorkloadSpec spec(UUID id) {
        return db.transaction(c -> workloads.lock(c, id)).orElseThrow().spec();
    }

    private static WorkloadCreate vm(String name) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.VM).image(VmWorkloadTest.BASE_IMAGE)
                .resources(new ResourceRequest().vcpu(BigDecimal.ONE).memoryMiB(256L).diskGiB(2L));
    }

    /** Tables in which any row's text contains {@code needle}, read over plain JDBC. */
    private static List<String> tablesContaining(String needle) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\" t WHERE t::text LIKE '%"
                        + needle + "%'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        found.add(table);
                    }
                }
            }
        }
        return found;
    }
}
