package dev.berth.broker.cloud;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.EmulatedAws;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.CloudAccount;
import dev.berth.sdk.model.CloudAccountCreate;
import dev.berth.sdk.model.CloudAccountLimits;
import dev.berth.sdk.model.CloudAccountPage;
import dev.berth.sdk.model.CloudAccountUpdate;
import dev.berth.sdk.model.CloudCatalogue;
import dev.berth.sdk.model.CloudInstanceType;
import dev.berth.sdk.model.CloudRegionPrices;
import dev.berth.sdk.model.FargatePrices;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.HostHealth;
import dev.berth.sdk.model.PlacementHints;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/**
 * Cloud accounts through {@code /v1/admin/cloud-accounts} and the SDK, against the local AWS
 * emulator: each region becomes a host written with the account, changes with it and goes
 * with it; a refused request leaves neither account nor host rows.
 */
@QuarkusTest
class CloudAccountsTest {

    private Api admin;

    @BeforeEach
    void reset() {
        TestDatabase.reset();
        EmulatedAws.fresh();
        admin = Api.as("admin");
    }

    @Test
    void eachRegionBecomesAPublicTargetPricedFromTheCatalogue() throws ApiException {
        CloudAccount account = admin.cloudAccounts().createCloudAccount(EmulatedAws.account("prod",
                List.of(EmulatedAws.REGION, EmulatedAws.OTHER_REGION)).labels(Map.of("tier", "burst")));

        assertThat(account.getCredentials()).isEqualTo("default");
        assertThat(account.getCatalogueSource()).isEqualTo(CloudAccount.CatalogueSourceEnum.DEFAULT);
        assertThat(account.getCatalogue()).isNull();
        assertThat(account.getTargets()).extracting(t -> t.getRegion() + " " + t.getHostName())
                .containsExactly("eu-west-1 prod-eu-west-1", "us-east-1 prod-us-east-1");
        Host host = admin.hosts().getHost(account.getTargets().get(1).getHostId());
        assertThat(host.getDriver()).isEqualTo(HostDriver.AWS);
        assertThat(host.getEndpoint()).isEqualTo("aws://us-east-1");
        assertThat(host.getProviderClass()).isEqualTo(Host.ProviderClassEnum.PUBLIC);
        assertThat(host.getLabels()).containsEntry("region", "us-east-1").containsEntry("tier", "burst")
                .containsEntry("cloud-account", "prod").containsEntry("provider", "aws");
        assertThat(host.getOptions()).containsEntry("credentials", "default").containsEntry("maxVcpu", "16")
                .containsEntry("maxInstances", "10").containsEntry("subnetIds", EmulatedAws.SUBNET)
                .containsEntry("endpointOverride", EmulatedAws.get().endpoint().toString())
                .containsEntry("pollIntervalMillis", "25").doesNotContainKey("priceCatalogue");
        assertThat(host.getCapacity().getVcpu()).isEqualByComparingTo("16");
        assertThat(host.getCapacity().getMemoryMiB()).as("16 vCPU × the most MiB per vCPU (m6i: 4 GiB)")
                .isEqualTo(16 * 4096);
        assertThat(host.getCapacity().getDiskGiB()).as("10 instances × 200 GiB").isEqualTo(2000);
        assertThat(host.getSupportedKinds()).containsExactlyInAnyOrder(WorkloadKind.VM, WorkloadKind.CONTAINER);
        assertThat(host.getHealth().getStatus()).isEqualTo(HostHealth.StatusEnum.HEALTHY);
        // TargetPricing's derivation on the shipped us-east-1 catalogue: median k ≈ 0.8239 (m6i) × Fargate's prices
        assertThat(host.getPricing().getVcpuHour()).isEqualByComparingTo("0.033351");
        assertThat(host.getPricing().getMemoryGiBHour()).isEqualByComparingTo("0.003662");

        assertThat(admin.cloudAccounts().getCloudAccount("prod")).isEqualTo(account);
    }

    @Test
    void listPagesByName() throws ApiException {
        EmulatedAws.register("beta", List.of(EmulatedAws.REGION));
        EmulatedAws.register("alpha", List.of(EmulatedAws.REGION));
        CloudAccountPage first = admin.cloudAccounts().listCloudAccounts(1, null);
        assertThat(first.getItems()).extracting(CloudAccount::getName).containsExactly("alpha");
        CloudAccountPage second = admin.cloudAccounts().listCloudAccounts(1, first.getNextPageToken());
        assertThat(second.getItems()).extracting(CloudAccount::getName).containsExactly("beta");
        assertThat(second.getNextPageToken()).isNull();
    }

    @Test
    void updateChangesTheTargetsInTheSameTransaction() throws ApiException {
        CloudAccount account = EmulatedAws.register("prod", List.of(EmulatedAws.REGION));
        UUID usEast = account.getTargets().get(0).getHostId();

        CloudAccount grown = admin.cloudAccounts().updateCloudAccount("prod", new CloudAccountUpdate()
                .regions(List.of(EmulatedAws.REGION, EmulatedAws.OTHER_REGION))
                .limits(new CloudAccountLimits().maxVcpu(4).maxMemoryMiB(8192L).maxInstances(3))
                .catalogue(catalogue("0.10", "0.01")));
        assertThat(grown.getCatalogueSource()).isEqualTo(CloudAccount.CatalogueSourceEnum.CUSTOM);
        assertThat(grown.getCatalogue()).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(catalogue("0.10", "0.01"));
        assertThat(grown.getTargets()).hasSize(2);
        assertThat(grown.getTargets().get(1).getHostId()).as("kept region keeps its host").isEqualTo(usEast);
        Host host = admin.hosts().getHost(usEast);
        assertThat(host.getCapacity().getVcpu()).isEqualByComparingTo("4");
        assertThat(host.getCapacity().getMemoryMiB()).isEqualTo(8192);
        assertThat(host.getOptions()).containsKey("priceCatalogue").containsEntry("maxMemoryMiB", "8192");
        // one type, t3.micro at 0.0104 = k × (2 × 0.10 + 1 × 0.01): k = 0.049524, so 0.004952 per vCPU-hour
        assertThat(host.getPricing().getVcpuHour()).isEqualByComparingTo("0.004952");
        assertThat(host.getPricing().getMemoryGiBHour()).isEqualByComparingTo("0.000495");

        ApiException unknownProfile = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts()
                .updateCloudAccount("prod", new CloudAccountUpdate().credentials("profile:not-on-this-machine")));
        assertThat(unknownProfile.getCode()).as("every region is probed with the new reference").isEqualTo(422);
        assertThat(BerthProblems.code(unknownProfile)).isEqualTo("host.unreachable");
        assertThat(admin.cloudAccounts().getCloudAccount("prod")).isEqualTo(grown);
        assertThat(admin.hosts().getHost(usEast).getOptions()).containsEntry("credentials", "default");

        CloudAccount shrunk = admin.cloudAccounts().updateCloudAccount("prod", new CloudAccountUpdate()
                .regions(List.of(EmulatedAws.OTHER_REGION)));
        assertThat(shrunk.getTargets()).extracting(t -> t.getRegion()).containsExactly(EmulatedAws.OTHER_REGION);
        ApiException gone = catchThrowableOfType(ApiException.class, () -> admin.hosts().getHost(usEast));
        assertThat(gone.getCode()).isEqualTo(404);
    }

    @Test
    void regionOrAccountWithLiveWorkloadsIsNotRemovedAndTargetsAreNotRemovableAsHosts() throws Exception {
        CloudAccount account = EmulatedAws.register("prod", List.of(EmulatedAws.REGION, EmulatedAws.OTHER_REGION));
        UUID usEast = account.getTargets().get(1).getHostId();
        Api.setQuota("acme", "4", 4096, 50, 5);
        Api alice = Api.as("alice");
        UUID id = alice.workloads().createWorkload(CloudWorkloadsTest.container("pinned")
                .placement(new PlacementHints().region(EmulatedAws.REGION).providerClass(PlacementHints.ProviderClassEnum.PUBLIC)),
                null).getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.RUNNING);

        ApiException region = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts()
                .updateCloudAccount("prod", new CloudAccountUpdate().regions(List.of(EmulatedAws.OTHER_REGION))
                        .limits(new CloudAccountLimits().maxVcpu(2).maxInstances(2))));
        assertThat(region.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(region)).isEqualTo("cloud_account.in_use");
        ApiException whole = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts().deleteCloudAccount("prod"));
        assertThat(BerthProblems.code(whole)).isEqualTo("cloud_account.in_use");
        ApiException asHost = catchThrowableOfType(ApiException.class, () -> admin.hosts().removeHost(usEast));
        assertThat(BerthProblems.code(asHost)).isEqualTo("host.in_use");
        assertThat(admin.cloudAccounts().getCloudAccount("prod")).as("nothing changed").isEqualTo(account);

        ApiException below = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts()
                .updateCloudAccount("prod", new CloudAccountUpdate().limits(new CloudAccountLimits().maxVcpu(16)
                        .maxInstances(10).maxMemoryMiB(256L))));
        assertThat(BerthProblems.code(below)).isEqualTo("host.capacity_below_allocation");
        assertThat(below.getResponseBody()).contains("prod-us-east-1");
        assertThat(admin.cloudAccounts().getCloudAccount("prod")).as("nothing changed").isEqualTo(account);

        alice.workloads().deleteWorkload(id, null);
        alice.awaitStatus(id, WorkloadStatus.DELETED);
        admin.cloudAccounts().deleteCloudAccount("prod");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host WHERE driver = 'aws'")).isZero();
        ApiException gone = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts().getCloudAccount("prod"));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(gone)).isEqualTo("cloud_account.not_found");
    }

    @Test
    void duplicateNameIsAConflictAndAFailedProbeStoresNothing() throws ApiException {
        EmulatedAws.register("prod", List.of(EmulatedAws.REGION));
        ApiException taken = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts()
                .createCloudAccount(EmulatedAws.account("prod", List.of(EmulatedAws.OTHER_REGION))));
        assertThat(taken.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(taken)).isEqualTo("cloud_account.name_taken");

        EmulatedAws.get().faults().denyAll(true);
        ApiException denied = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts()
                .createCloudAccount(EmulatedAws.account("other", List.of(EmulatedAws.REGION))));
        EmulatedAws.get().faults().clear();
        assertThat(denied.getCode()).isEqualTo(422);
        assertThat(BerthProblems.code(denied)).isEqualTo("host.unreachable");
        assertThat(denied.getResponseBody()).as("AWS's words (ARNs, request ids) stay in the log")
                .doesNotContain("UnauthorizedOperation").contains("IAM policy").contains("reference conn-");

        ApiException elsewhere = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts()
                .updateCloudAccount("prod", new CloudAccountUpdate().regions(List.of(EmulatedAws.REGION, "ap-south-1"))));
        assertThat(elsewhere.getCode()).isEqualTo(400);
        assertThat(elsewhere.getResponseBody()).contains("has no prices for region ap-south-1");

        assertThat(TestDatabase.strings("SELECT name FROM cloud_account")).containsExactly("prod");
        assertThat(TestDatabase.strings("SELECT name FROM host")).containsExactly("prod-us-east-1");
    }

    @Test
    void anAwsHostCanAlsoBeRegisteredDirectly() throws ApiException {
        Host host = admin.hosts().registerHost(new HostCreate().name("aws-direct").driver(HostDriver.AWS)
                .endpoint("aws://us-east-1").options(Map.of("endpointOverride", EmulatedAws.get().endpoint().toString(),
                        "subnetIds", EmulatedAws.SUBNET, "maxVcpu", "8")));
        assertThat(host.getHealth().getStatus()).isEqualTo(HostHealth.StatusEnum.HEALTHY);
        assertThat(host.getCapacity().getVcpu()).isEqualByComparingTo(new BigDecimal("8"));
        assertThat(host.getProviderClass()).isEqualTo(Host.ProviderClassEnum.PUBLIC);

        ApiException typo = catchThrowableOfType(ApiException.class, () -> admin.hosts().registerHost(new HostCreate()
                .name("aws-typo").driver(HostDriver.AWS).endpoint("aws://us-east-1").options(Map.of("maxVcpus", "8"))));
        assertThat(typo.getCode()).isEqualTo(400);
        assertThat(typo.getResponseBody()).contains("unknown aws options [maxVcpus]");
        ApiException scheme = catchThrowableOfType(ApiException.class, () -> admin.hosts().registerHost(new HostCreate()
                .name("aws-scheme").driver(HostDriver.AWS).endpoint("tcp://127.0.0.1:1")));
        assertThat(scheme.getCode()).isEqualTo(400);
    }

    @Test
    void tenantsCannotSeeOrTouchCloudAccounts() {
        EmulatedAws.register("prod", List.of(EmulatedAws.REGION));
        for (String user : List.of("alice", "carol", "bob")) {
            String token = Tokens.user(user);
            given().auth().oauth2(token).when().get("/v1/admin/cloud-accounts").then().statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            given().auth().oauth2(token).when().get("/v1/admin/cloud-accounts/prod").then().statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            given().auth().oauth2(token).contentType("application/json").body("{\"limits\":{\"maxVcpu\":1,\"maxInstances\":1}}")
                    .when().patch("/v1/admin/cloud-accounts/prod").then().statusCode(403);
            given().auth().oauth2(token).when().delete("/v1/admin/cloud-accounts/prod").then().statusCode(403);
            given().auth().oauth2(token).contentType("application/json")
                    .body("{\"name\":\"mine\",\"regions\":[\"us-east-1\"],\"limits\":{\"maxVcpu\":1,\"maxInstances\":1}}")
                    .when().post("/v1/admin/cloud-accounts").then().statusCode(403);
            given().auth().oauth2(token).when().get("/v1/admin/hosts").then().statusCode(403);
        }
        given().when().get("/v1/admin/cloud-accounts").then().statusCode(401);
        assertThat(TestDatabase.strings("SELECT name FROM cloud_account")).containsExactly("prod");
    }

    static CloudCatalogue catalogue(String vcpuHour, String gibHour) {
        CloudRegionPrices prices = new CloudRegionPrices()
                .instanceTypes(List.of(new CloudInstanceType().name("t3.micro").vcpu(2).memoryMiB(1024L)
                        .hourlyUsd(new BigDecimal("0.0104")).architecture(CloudInstanceType.ArchitectureEnum.X86_64)))
                .fargate(new FargatePrices().vcpuHourUsd(new BigDecimal(vcpuHour)).gibHourUsd(new BigDecimal(gibHour)));
        return new CloudCatalogue().regions(Map.of(EmulatedAws.REGION, prices, EmulatedAws.OTHER_REGION, prices));
    }
}
