package dev.berth.broker.architecture;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules of ../shared/DESIGN.md, checked on the compiled classes: the plain-Java
 * modules ({@code tenants}, {@code placement}, {@code policies}, {@code providers/*}, {@code cli}) depend on
 * neither Quarkus nor the broker, and the broker's capability packages form no new cycles.
 */
class ArchitectureTest {

    /**
     * The one package cycle the broker still has (issue 14, item 4): it may shrink, never grow,
     * and no other may appear. Breaking it: the operation model below workloads and the
     * handlers above, the draft/status model in a leaf, admission, snapshots and offboarding
     * as application services on top, the REST/gRPC adapters in their own packages.
     */
    private static final Set<String> KNOWN_CYCLE = Set.of("governance", "hosts", "images", "members", "operations",
            "quota", "snapshots", "tenants", "usage", "workloads");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.berth");
    }

    @Test
    void pureModulesDependOnNeitherQuarkusNorTheBroker() {
        assertThat(production.containPackage("dev.berth.placement.engine")).as("placement was imported").isTrue();
        assertThat(production.containPackage("dev.berth.tenants.quota")).as("tenants was imported").isTrue();
        assertThat(production.containPackage("dev.berth.policies")).as("policies was imported").isTrue();
        assertThat(production.containPackage("dev.berth.provider.spi")).as("the provider SPI was imported").isTrue();
        assertThat(production.containPackage("dev.berth.cli")).as("the CLI was imported").isTrue();

        EvaluationResult result = PURE_MODULES.evaluate(production);

        assertThat(result.getFailureReport().getDetails()).isEmpty();
        assertThat(JAX_RS_ONLY_IN_THE_DIRECTORY_ADAPTER.evaluate(production).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void onlyTheDirectoryAdapterTalksToKeycloaksAdminClient() {
        assertThat(production.containPackage(KEYCLOAK_ADAPTER)).as("the Keycloak directory was imported").isTrue();

        assertThat(KEYCLOAK_ONLY_IN_THE_ADAPTER.evaluate(production).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void theBrokerFormsNoNewPackageCycle() {
        Set<SortedSet<String>> cycles = new PackageCycles(production, "dev.berth.broker").cycles();

        assertThat(cycles).allSatisfy(cycle -> assertThat(KNOWN_CYCLE).as("packages of cycle " + cycle).containsAll(cycle));
    }

    @Test
    void aDeliberateViolationIsReported() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.berth.broker.architecture.fixture");

        assertThat(new PackageCycles(fixture, "dev.berth.broker.architecture.fixture").cycles())
                .containsExactly(new TreeSet<>(Set.of("left", "right")));
        ArchRule quarkusFree = noClasses().that().resideInAPackage("dev.berth.broker.architecture.fixture..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..");
        assertThat(quarkusFree.evaluate(fixture).hasViolation()).isTrue();
        assertThat(KEYCLOAK_ONLY_IN_THE_ADAPTER.evaluate(fixture).getFailureReport().getDetails())
                .isNotEmpty().allSatisfy(d -> assertThat(d).contains("KeycloakOutsideTheAdapter"));
    }

    private static final ArchRule PURE_MODULES = noClasses()
            .that().resideInAnyPackage("dev.berth.tenants..", "dev.berth.placement..", "dev.berth.policies..",
                    "dev.berth.provider..", "dev.berth.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..",
                    "jakarta.inject..", "org.eclipse.microprofile..", "dev.berth.broker..");

    private static final String KEYCLOAK_ADAPTER = "dev.berth.tenants.directory.keycloak";

    /** JAX-RS is the admin client library's transport: the Keycloak directory may use its client API, no other pure code. */
    private static final ArchRule JAX_RS_ONLY_IN_THE_DIRECTORY_ADAPTER = noClasses()
            .that().resideInAnyPackage("dev.berth.tenants..", "dev.berth.placement..", "dev.berth.policies..",
                    "dev.berth.provider..")
            .and().resideOutsideOfPackage(KEYCLOAK_ADAPTER + "..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..");

    /** Keycloak's admin client (and its representations) stay behind the tenants' Directory SPI. */
    private static final ArchRule KEYCLOAK_ONLY_IN_THE_ADAPTER = noClasses()
            .that().resideOutsideOfPackage(KEYCLOAK_ADAPTER + "..")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..");
}
