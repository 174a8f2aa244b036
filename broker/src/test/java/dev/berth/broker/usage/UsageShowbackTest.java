package dev.berth.broker.usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.GetAdminUsageRequest;
import dev.berth.grpc.v1.GetUsageRequest;
import dev.berth.broker.testsupport.TestClock;
import dev.berth.broker.testsupport.PlatformImages;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.HostPricing;
import dev.berth.sdk.model.PlacementHints;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.UsageDimension;
import dev.berth.sdk.model.UsageFigures;
import dev.berth.sdk.model.UsageGroup;
import dev.berth.sdk.model.UsageReport;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Showback over a known history. With the broker's clock pinned, workloads are created,
 * stopped and deleted at chosen instants on three priced hosts, and the reports must come
 * out exactly:
 *
 * <pre>
 * acme  a  VM 2 vCPU 1 GiB 4 GiB disk  kvm-private (0.04/vCPU-h, 0.005/GiB-h)  10 May 23:00 → 11 May 00:30 (deleted)
 * acme  c  container 0.5 vCPU 0.5 GiB   docker-1    (0.02, 0.002)            10 May 23:30 → now (running)
 * acme  p  VM 1 vCPU 0.5 GiB 2 GiB disk kvm-public  (0.10, 0.01)             11 May 00:30 → now (stopped at once)
 * globex g VM 1 vCPU 0.5 GiB 2 GiB disk kvm-private                          10 May 23:00 → 11 May 00:30 (deleted)
 * now = 11 May 02:00 (UTC, 2031)
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageShowbackTest {

    static final Instant T0 = Instant.parse("2031-05-10T23:00:00Z");
    static final Instant NOW = Instant.parse("2031-05-11T02:00:00Z");
    static final OffsetDateTime DAY_1 = OffsetDateTime.parse("2031-05-10T00:00:00Z");
    static final OffsetDateTime DAY_3 = OffsetDateTime.parse("2031-05-12T00:00:00Z");

    @Inject
    TestClock clock;

    Host docker;
    Host kvmPrivate;
    Host kvmPublic;

    @BeforeAll
    void history() throws Exception {
        TestDatabase.reset();
        PlatformImages.registerVmImages();
        Api admin = Api.as("admin");
        docker = admin.hosts().registerHost(new HostCreate().name("docker-1").driver(HostDriver.DOCKER)
                .endpoint("unix:///var/run/docker.sock").pricing(price("0.02", "0.002")));
        kvmPrivate = admin.hosts().registerHost(new HostCreate().name("kvm-private").driver(HostDriver.LIBVIRT)
                .endpoint("test:///default").options(Map.of("seedBaseImages", "debian-12-base")).pricing(price("0.04", "0.005")));
        kvmPublic = admin.hosts().registerHost(new HostCreate().name("kvm-public").driver(HostDriver.LIBVIRT)
                .endpoint("test:///default").options(Map.of("seedBaseImages", "debian-12-base"))
                .providerClass(HostCreate.ProviderClassEnum.PUBLIC).pricing(price("0.10", "0.01")));
        Api.setQuota("acme", "16", 16384, 100, 20);
        Api.setQuota("globex", "16", 16384, 100, 20);
        Api alice = Api.as("alice");
        Api bob = Api.as("bob");

        clock.pin(T0);
        UUID a = alice.workloads().createWorkload(vm("a", 2, 1024, 4, PlacementHints.ProviderClassEnum.PRIVATE), null)
                .getWorkload().getId();
        UUID g = bob.workloads().createWorkload(vm("g", 1, 512, 2, PlacementHints.ProviderClassEnum.PRIVATE), null)
                .getWorkload().getId();
        alice.awaitStatus(a, WorkloadStatus.RUNNING);
        bob.awaitStatus(g, WorkloadStatus.RUNNING);

        clock.pin(T0.plus(Duration.ofMinutes(30)));
        UUID c = alice.workloads().createWorkload(Api.sleeper("c", "0.5", 512), null).getWorkload().getId();
        alice.awaitStatus(c, WorkloadStatus.RUNNING);

        clock.pin(T0.plus(Duration.ofMinutes(90)));
        alice.workloads().deleteWorkload(a, null);
        bob.workloads().deleteWorkload(g, null);
        alice.awaitStatus(a, WorkloadStatus.DELETED);
        bob.awaitStatus(g, WorkloadStatus.DELETED);
        UUID p = alice.workloads().createWorkload(vm("p", 1, 512, 2, PlacementHints.ProviderClassEnum.PUBLIC), null)
                .getWorkload().getId();
        alice.awaitStatus(p, WorkloadStatus.RUNNING);
        alice.workloads().stopWorkload(p, null);
        alice.awaitStatus(p, WorkloadStatus.STOPPED);

        clock.pin(NOW);
    }

    @AfterAll
    void releaseClock() {
        clock.release();
        TestDatabase.reset();
    }

    static HostPricing price(String vcpuHour, String memoryGiBHour) {
        return new HostPricing().vcpuHour(new BigDecimal(vcpuHour)).memoryGiBHour(new BigDecimal(memoryGiBHour));
    }

    static WorkloadCreate vm(String name, int vcpu, long memoryMiB, long diskGiB, PlacementHints.ProviderClassEnum where) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.VM).image("debian-12-base")
                .resources(new ResourceRequest().vcpu(BigDecimal.valueOf(vcpu)).memoryMiB(memoryMiB).diskGiB(diskGiB))
                .placement(new PlacementHints().providerClass(where));
    }

    /** vCPU-hours, memory GiB-hours, disk GiB-hours, instance-hours, cost. */
    static void assertFigures(UsageFigures f, String vcpuHours, String memoryGiBHours, String diskGiBHours,
                              String instanceHours, String cost) {
        assertThat(f.getVcpuHours()).as("vCPU-hours").isEqualByComparingTo(vcpuHours);
        assertThat(f.getMemoryGiBHours()).as("memory GiB-hours").isEqualByComparingTo(memoryGiBHours);
        assertThat(f.getDiskGiBHours()).as("disk GiB-hours").isEqualByComparingTo(diskGiBHours);
        assertThat(f.getInstanceHours()).as("instance-hours").isEqualByComparingTo(instanceHours);
        assertThat(f.getCost()).as("cost").isEqualByComparingTo(cost);
    }

    @Test
    void tenantTotalsMatchTheLifetimesExactly() throws ApiException {
        UsageReport report = Api.as("alice").usage().getUsage(null, DAY_1, DAY_3, null);

        // a: 2 vCPU × 1.5 h = 3; c: 0.5 × 2.5 h = 1.25; p (stopped, still reserved): 1 × 1.5 h = 1.5
        assertFigures(report.getTotals(), "5.75", "3.5", "9", "5.5", "0.3125");
        assertThat(report.getTenant()).isEqualTo("acme");
        assertThat(report.getGroupBy()).isEmpty();
        assertThat(report.getGroups()).hasSize(1);
        assertFigures(report.getGroups().get(0).getFigures(), "5.75", "3.5", "9", "5.5", "0.3125");
        assertThat(report.getFrom()).isEqualTo(DAY_1);
        assertThat(report.getTo()).isEqualTo(DAY_3);
    }

    @Test
    void oneDeletedVmIsHoursTimesItsSizeAndPrice() throws ApiException {
        // a is the only workload on kvm-private for acme: grouping by host isolates it.
        UsageReport report = Api.as("alice").usage().getUsage(null, DAY_1, DAY_3, "host");

        UsageGroup a = report.getGroups().stream().filter(g -> "kvm-private".equals(g.getHost())).findFirst().orElseThrow();
        assertThat(a.getHostId()).isEqualTo(kvmPrivate.getId());
        // 2 vCPU for 90 min = 3.000 vCPU-hours; cost = 3 × 0.04 + 1.5 GiB-h × 0.005
        assertFigures(a.getFigures(), "3.000", "1.5", "6", "1.5", "0.1275");
        assertThat(report.getGroups()).extracting(UsageGroup::getHost).containsExactly("docker-1", "kvm-private", "kvm-public");
        assertThat(report.getGroups()).allSatisfy(g -> assertThat(g.getTenant()).isNull());
    }

    @Test
    void groupedByKindAndProviderClass() throws ApiException {
        UsageReport report = Api.as("alice").usage().getUsage("acme", DAY_1, DAY_3, "providerClass,kind");

        assertThat(report.getGroupBy()).containsExactly(UsageDimension.KIND, UsageDimension.PROVIDER_CLASS);
        List<UsageGroup> groups = report.getGroups();
        assertThat(groups).extracting(g -> g.getKind().getValue() + "/" + g.getProviderClass().getValue())
                .containsExactly("container/private", "vm/private", "vm/public");
        assertFigures(groups.get(0).getFigures(), "1.25", "1.25", "0", "2.5", "0.0275");
        assertFigures(groups.get(1).getFigures(), "3", "1.5", "6", "1.5", "0.1275");
        assertFigures(groups.get(2).getFigures(), "1.5", "0.75", "3", "1.5", "0.1575");
    }

    @Test
    void byDaySplitsIntervalsAtMidnightUtc() throws ApiException {
        UsageReport report = Api.as("alice").usage().getUsage(null, DAY_1, DAY_3, "day");

        assertThat(report.getGroups()).extracting(UsageGroup::getDay)
                .containsExactly(LocalDate.parse("2031-05-10"), LocalDate.parse("2031-05-11"));
        // 10 May: a 23:00–24:00, c 23:30–24:00
        assertFigures(report.getGroups().get(0).getFigures(), "2.25", "1.25", "4", "1.5", "0.0905");
        // 11 May: a 00:00–00:30, c 00:00–02:00 (now), p 00:30–02:00
        assertFigures(report.getGroups().get(1).getFigures(), "3.5", "2.25", "5", "4", "0.222");
        assertFigures(report.getTotals(), "5.75", "3.5", "9", "5.5", "0.3125");
    }

    @Test
    void intervalsAreClippedToTheWindowEdges() throws ApiException {
        UsageReport report = Api.as("alice").usage().getUsage(null, OffsetDateTime.parse("2031-05-10T23:30:00Z"),
                OffsetDateTime.parse("2031-05-11T01:00:00Z"), "kind,day");

        // a: 23:30–00:30 (1 h) = 2; c: 23:30–01:00 (1.5 h) = 0.75; p: 00:30–01:00 (0.5 h) = 0.5
        assertFigures(report.getTotals(), "3.25", "2", "5", "3", "0.154");
        assertThat(report.getGroups()).extracting(g -> g.getKind().getValue() + "@" + g.getDay())
                .containsExactly("container@2031-05-10", "container@2031-05-11", "vm@2031-05-10", "vm@2031-05-11");
        assertFigures(report.getGroups().get(0).getFigures(), "0.25", "0.25", "0", "0.5", "0.0055");
        assertFigures(report.getGroups().get(3).getFigures(), "1.5", "0.75", "3", "1", "0.095");
    }

    @Test
    void nothingAccruesAfterNow() throws ApiException {
        UsageReport future = Api.as("alice").usage().getUsage(null, OffsetDateTime.parse("2031-05-11T02:00:00Z"),
                OffsetDateTime.parse("2031-05-11T05:00:00Z"), "kind");

        assertThat(future.getGroups()).isEmpty();
        assertFigures(future.getTotals(), "0", "0", "0", "0", "0");
        // Asked again an hour later, the running and the stopped workload have accrued one more hour each.
        clock.pin(NOW.plus(Duration.ofHours(1)));
        try {
            UsageReport later = Api.as("alice").usage().getUsage(null, OffsetDateTime.parse("2031-05-11T02:00:00Z"),
                    OffsetDateTime.parse("2031-05-11T05:00:00Z"), null);
            // c: 0.5 vCPU, 0.5 GiB for 1 h at (0.02, 0.002); p: 1 vCPU, 0.5 GiB, 2 GiB disk for 1 h at (0.10, 0.01)
            assertFigures(later.getTotals(), "1.5", "1", "2", "2", "0.116");
        } finally {
            clock.pin(NOW);
        }
    }

    @Test
    void defaultWindowIsTheMonthSoFar() throws ApiException {
        UsageReport report = Api.as("alice").usage().getUsage(null, null, null, null);

        assertThat(report.getFrom()).isEqualTo(OffsetDateTime.parse("2031-05-01T00:00:00Z"));
        assertThat(report.getTo()).isEqualTo(OffsetDateTime.parse("2031-05-11T02:00:00Z"));
        assertFigures(report.getTotals(), "5.75", "3.5", "9", "5.5", "0.3125");
    }

    @Test
    void eachTenantSeesOnlyItsOwn() throws ApiException {
        UsageReport bob = Api.as("bob").usage().getUsage(null, DAY_1, DAY_3, "tenant");

        assertThat(bob.getGroups()).extracting(UsageGroup::getTenant).containsExactly("globex");
        // g: 1 vCPU × 1.5 h; 0.5 GiB × 1.5 h; cost 1.5 × 0.04 + 0.75 × 0.005
        assertFigures(bob.getTotals(), "1.5", "0.75", "3", "1.5", "0.06375");
        UsageReport automation = Api.asServiceAccount("globex-automation").usage().getUsage(null, DAY_1, DAY_3, null);
        assertFigures(automation.getTotals(), "1.5", "0.75", "3", "1.5", "0.06375");
    }

    @Test
    void adminsSeeEveryTenantOrOne() throws ApiException {
        Api admin = Api.as("admin");
        UsageReport all = admin.adminUsage().getAdminUsage(null, DAY_1, DAY_3, "tenant");

        assertThat(all.getTenant()).isNull();
        assertThat(all.getGroups()).extracting(UsageGroup::getTenant).containsExactly("acme", "globex");
        assertFigures(all.getGroups().get(0).getFigures(), "5.75", "3.5", "9", "5.5", "0.3125");
        assertFigures(all.getGroups().get(1).getFigures(), "1.5", "0.75", "3", "1.5", "0.06375");
        assertFigures(all.getTotals(), "7.25", "4.25", "12", "7", "0.37625");

        UsageReport globex = admin.adminUsage().getAdminUsage("globex", DAY_1, DAY_3, "host,providerClass");
        assertThat(globex.getTenant()).isEqualTo("globex");
        assertThat(globex.getGroups()).singleElement().satisfies(g -> {
            assertThat(g.getHost()).isEqualTo("kvm-private");
            assertThat(g.getProviderClass().getValue()).isEqualTo("private");
            assertFigures(g.getFigures(), "1.5", "0.75", "3", "1.5", "0.06375");
        });
        assertThat(admin.adminUsage().getAdminUsage("initech", DAY_1, DAY_3, null).getGroups())
                .as("a tenant with no usage (or none at all) is an empty report").isEmpty();
    }

    @Test
    void csvHasAStableHeaderAndRfc4180Rows() {
        String csv = given().auth().oauth2(Tokens.user("alice")).accept("text/csv")
                .queryParam("from", "2031-05-10T00:00:00Z").queryParam("to", "2031-05-12T00:00:00Z")
                .queryParam("groupBy", "providerClass,kind")
                .get("/v1/usage").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Type", org.hamcrest.Matchers.containsString("header=present"))
                .extract().asString();

        assertThat(csv).isEqualTo("kind,providerClass,vcpuHours,memoryGiBHours,diskGiBHours,instanceHours,cost\r\n"
                + "container,private,1.250000,1.250000,0.000000,2.500000,0.027500\r\n"
                + "vm,private,3.000000,1.500000,6.000000,1.500000,0.127500\r\n"
                + "vm,public,1.500000,0.750000,3.000000,1.500000,0.157500\r\n");
    }

    @Test
    void adminCsvByTenantHostAndDay() {
        String csv = given().auth().oauth2(Tokens.user("admin")).accept("text/csv")
                .queryParam("from", "2031-05-10T00:00:00Z").queryParam("to", "2031-05-12T00:00:00Z")
                .queryParam("groupBy", "day,host,tenant")
                .get("/v1/admin/usage").then().statusCode(200).extract().asString();

        assertThat(csv.split("\r\n", -1)).containsExactly(
                "tenant,hostId,host,day,vcpuHours,memoryGiBHours,diskGiBHours,instanceHours,cost",
                "acme," + docker.getId() + ",docker-1,2031-05-10,0.250000,0.250000,0.000000,0.500000,0.005500",
                "acme," + docker.getId() + ",docker-1,2031-05-11,1.000000,1.000000,0.000000,2.000000,0.022000",
                "acme," + kvmPrivate.getId() + ",kvm-private,2031-05-10,2.000000,1.000000,4.000000,1.000000,0.085000",
                "acme," + kvmPrivate.getId() + ",kvm-private,2031-05-11,1.000000,0.500000,2.000000,0.500000,0.042500",
                "acme," + kvmPublic.getId() + ",kvm-public,2031-05-11,1.500000,0.750000,3.000000,1.500000,0.157500",
                "globex," + kvmPrivate.getId() + ",kvm-private,2031-05-10,1.000000,0.500000,2.000000,1.000000,0.042500",
                "globex," + kvmPrivate.getId() + ",kvm-private,2031-05-11,0.500000,0.250000,1.000000,0.500000,0.021250",
                "");
    }

    @Test
    void jsonWhenBothAreAcceptableOrNothingIsSaid() {
        String token = Tokens.user("alice");
        given().auth().oauth2(token).accept("application/json, text/csv").get("/v1/usage")
                .then().statusCode(200).contentType("application/json");
        given().auth().oauth2(token).get("/v1/usage").then().statusCode(200).contentType("application/json");
        given().auth().oauth2(token).accept("text/csv;q=1, application/json;q=0.5").get("/v1/usage")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
    }

    @Test
    void grpcReportsTheSameFigures() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            dev.berth.grpc.v1.UsageReport own = grpc.usage(Tokens.user("alice")).getUsage(GetUsageRequest.newBuilder()
                    .setFrom(timestamp(DAY_1)).setTo(timestamp(DAY_3)).addGroupBy("providerClass").addGroupBy("kind").build());

            assertThat(own.getTenant()).isEqualTo("acme");
            assertThat(own.getGroupByList()).containsExactly("kind", "providerClass");
            assertThat(own.getTotals().getVcpuHours()).isEqualTo("5.750000");
            assertThat(own.getTotals().getCost()).isEqualTo("0.312500");
            assertThat(own.getGroupsList()).extracting(g -> g.getKind() + "/" + g.getProviderClass() + "="
                            + g.getFigures().getVcpuHours() + "," + g.getFigures().getMemoryGibHours() + ","
                            + g.getFigures().getDiskGibHours() + "," + g.getFigures().getInstanceHours() + "," + g.getFigures().getCost())
                    .containsExactly("container/private=1.250000,1.250000,0.000000,2.500000,0.027500",
                            "vm/private=3.000000,1.500000,6.000000,1.500000,0.127500",
                            "vm/public=1.500000,0.750000,3.000000,1.500000,0.157500");

            dev.berth.grpc.v1.UsageReport byDay = grpc.usage(Tokens.user("alice")).getUsage(GetUsageRequest.newBuilder()
                    .setFrom(timestamp(DAY_1)).setTo(timestamp(DAY_3)).addGroupBy("day").build());
            assertThat(byDay.getGroupsList()).extracting(g -> g.getDay() + "=" + g.getFigures().getVcpuHours())
                    .containsExactly("2031-05-10=2.250000", "2031-05-11=3.500000");

            dev.berth.grpc.v1.UsageReport all = grpc.usage(Tokens.user("admin")).getAdminUsage(GetAdminUsageRequest.newBuilder()
                    .setFrom(timestamp(DAY_1)).setTo(timestamp(DAY_3)).addGroupBy("tenant").addGroupBy("host").build());
            assertThat(all.getTenant()).isEmpty();
            assertThat(all.getGroupsList()).extracting(g -> g.getTenant() + "@" + g.getHost() + "#" + g.getHostId()
                            + "=" + g.getFigures().getVcpuHours())
                    .containsExactly("acme@docker-1#" + docker.getId() + "=1.250000",
                            "acme@kvm-private#" + kvmPrivate.getId() + "=3.000000",
                            "acme@kvm-public#" + kvmPublic.getId() + "=1.500000",
                            "globex@kvm-private#" + kvmPrivate.getId() + "=1.500000");
            assertThat(all.getTotals().getCost()).isEqualTo("0.376250");

            dev.berth.grpc.v1.UsageReport globex = grpc.usage(Tokens.user("admin")).getAdminUsage(GetAdminUsageRequest.newBuilder()
                    .setTenant("globex").setFrom(timestamp(DAY_1)).setTo(timestamp(DAY_3)).build());
            assertThat(globex.getTotals().getVcpuHours()).isEqualTo("1.500000");
            assertThat(grpc.usage(Tokens.user("bob")).getUsage(GetUsageRequest.newBuilder().setFrom(timestamp(DAY_1))
                    .setTo(timestamp(DAY_3)).build()).getTotals().getVcpuHours()).isEqualTo("1.500000");
        }
    }

    static com.google.protobuf.Timestamp timestamp(OffsetDateTime t) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
    }
}
