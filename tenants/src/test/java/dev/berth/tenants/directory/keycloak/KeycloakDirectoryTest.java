package dev.berth.tenants.directory.keycloak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.berth.tenants.directory.DirectoryClient;
import dev.berth.tenants.directory.DirectoryClients;
import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryRefused;
import dev.berth.tenants.directory.DirectoryUnavailable;
import dev.berth.tenants.directory.DirectoryUser;
import dev.berth.tenants.directory.NewUser;
import dev.berth.tenants.directory.TemporaryPasswords;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.JacksonProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Keycloak directory against the real Keycloak of the local stack ({@code deploy/local/test.sh}
 * starts it and exports {@code BERTH_KEYCLOAK_URL} and the broker client's secret
 * {@code BERTH_BROKER_KEYCLOAK_SECRET}), acting as the broker's own client with its real,
 * narrow permissions. Each test names what it creates with a fresh prefix and removes it.
 */
class KeycloakDirectoryTest {

    private static final String URL = Optional.ofNullable(System.getenv("BERTH_KEYCLOAK_URL")).orElse("http://127.0.0.1:8180");
    private static final Optional<String> SECRET = Optional.ofNullable(System.getenv("BERTH_BROKER_KEYCLOAK_SECRET"));

    private static KeycloakDirectory directory;
    private final String prefix = "kdt-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void open() {
        assertThat(SECRET).as("BERTH_BROKER_KEYCLOAK_SECRET (run through deploy/local/test.sh)").isPresent();
        directory = KeycloakDirectory.open(connection(URL, SECRET), http(Duration.ofSeconds(10)));
    }

    @AfterAll
    static void close() {
        directory.close();
    }

    @Test
    void usersAreCreatedFoundGivenRolesAndDeleted() {
        String password = TemporaryPasswords.generate();
        String id = directory.users().create(new NewUser(prefix + "-ann", prefix + "@example.test", "Ann", "Example"), password);
        try {
            DirectoryUser ann = directory.users().byUsername(prefix.toUpperCase() + "-ANN").orElseThrow();
            assertThat(ann.id()).isEqualTo(id);
            assertThat(ann.enabled()).isTrue();
            assertThat(ann.serviceAccount()).isFalse();
            assertThat(ann.requiredActions()).as("a temporary password asks for a new one").contains("UPDATE_PASSWORD");
            assertThat(directory.users().byId(id)).map(DirectoryUser::username).contains(prefix + "-ann");
            assertThat(directory.users().emailTaken(prefix.toUpperCase() + "@EXAMPLE.TEST")).isTrue();
            assertThat(directory.users().emailTaken(prefix + "-nobody@example.test")).isFalse();

            DirectoryRefused taken = catchThrowableOfType(DirectoryRefused.class, () -> directory.users()
                    .create(new NewUser(prefix + "-ann", prefix + "-2@example.test", "Ann", "Again"), password));
            assertThat(taken.conflict()).isTrue();

            directory.users().grantRealmRole(id, "tenant-admin");
            directory.users().grantRealmRole(id, "tenant-admin");
            assertThat(directory.users().realmRoles(id)).contains("tenant-admin");
            assertThat(directory.users().effectiveRealmRoles(id)).contains("tenant-admin");
            directory.users().revokeRealmRole(id, "tenant-admin");
            directory.users().revokeRealmRole(id, "tenant-admin");
            assertThat(directory.users().realmRoles(id)).doesNotContain("tenant-admin");
            assertThat(catchThrowableOfType(DirectoryRefused.class,
                    () -> directory.users().grantRealmRole(id, prefix + "-no-such-role")).status()).isEqualTo(404);

            directory.users().resetPassword(id, TemporaryPasswords.generate());
        } finally {
            assertThat(directory.users().delete(id)).isTrue();
        }
        assertThat(directory.users().delete(id)).as("absent is false, not an error").isFalse();
        assertThat(directory.users().byId(id)).isEmpty();
        assertThat(directory.users().byUsername(prefix + "-ann")).isEmpty();
        assertThat(directory.users().groups(id)).isEmpty();
    }

    @Test
    void tenantGroupsHoldMembersAndAreRepaired() {
        String groupId = directory.groups().create(prefix, "Prefix Ltd");
        String userId = directory.users().create(new NewUser(prefix + "-m", prefix + "@example.test", "M", "Ember"),
                TemporaryPasswords.generate());
        try {
            DirectoryGroup group = directory.groups().byPath(prefix).orElseThrow();
            assertThat(group.id()).isEqualTo(groupId);
            assertThat(group.path()).isEqualTo("/tenants/" + prefix);
            assertThat(group.isTenant(prefix)).isTrue();
            assertThat(group.attribute(DirectoryGroup.DISPLAY_NAME_ATTRIBUTE)).contains("Prefix Ltd");
            assertThat(directory.groups().tenantGroups()).extracting(DirectoryGroup::id).contains(groupId);

            directory.users().join(userId, groupId);
            assertThat(directory.groups().members(groupId)).extracting(DirectoryUser::id).containsExactly(userId);
            assertThat(directory.users().groups(userId)).extracting(DirectoryGroup::path).containsExactly("/tenants/" + prefix);
            assertThat(directory.users().leave(userId, groupId)).isTrue();
            assertThat(directory.groups().members(groupId)).isEmpty();

            directory.groups().repair(group, prefix, "Renamed Ltd");
            assertThat(directory.groups().byId(groupId).flatMap(g -> g.attribute(DirectoryGroup.DISPLAY_NAME_ATTRIBUTE)))
                    .contains("Renamed Ltd");
        } finally {
            directory.users().delete(userId);
            assertThat(directory.groups().delete(groupId)).isTrue();
        }
        assertThat(directory.groups().delete(groupId)).isFalse();
        assertThat(directory.groups().byPath(prefix)).isEmpty();
        assertThat(directory.groups().byId(groupId)).isEmpty();
        assertThat(directory.groups().members(groupId)).isEmpty();
    }

    @Test
    void serviceAccountClientsHaveSecretsThatRotate() {
        String tenant = prefix;
        String id = directory.clients().createServiceAccount(tenant + ".ops", "ops", null, tenant);
        try {
            DirectoryClient client = directory.clients().byClientId(tenant + ".ops").orElseThrow();
            assertThat(client.id()).isEqualTo(id);
            assertThat(client.attribute(TENANT)).contains(tenant);
            assertThat(directory.clients().tenantClients(tenant)).extracting(DirectoryClient::id).containsExactly(id);
            assertThat(directory.clients().tenantClients(tenant + "x")).isEmpty();
            assertThat(directory.clients().serviceAccountUser(id).username()).isEqualTo("service-account-" + tenant + ".ops");

            String first = directory.clients().secret(id);
            String second = directory.clients().regenerateSecret(id);
            assertThat(first).isNotBlank();
            assertThat(second).isNotBlank().isNotEqualTo(first);
            assertThat(directory.clients().secret(id)).isEqualTo(second);

            assertThat(catchThrowableOfType(DirectoryRefused.class,
                    () -> directory.clients().createServiceAccount(tenant + ".ops", "ops", "", tenant)).conflict()).isTrue();
        } finally {
            assertThat(directory.clients().delete(id)).isTrue();
        }
        assertThat(directory.clients().byId(id)).isEmpty();
        assertThat(directory.clients().byClientId(tenant + ".ops")).isEmpty();
        assertThat(catchThrowableOfType(DirectoryRefused.class, () -> directory.clients().secret(id)).status()).isEqualTo(404);
    }

    @Test
    void nothingListeningIsUnavailable() throws IOException {
        int unused;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = probe.getLocalPort();
        }
        try (KeycloakDirectory down = KeycloakDirectory.open(connection("http://127.0.0.1:" + unused, SECRET),
                http(Duration.ofSeconds(10)))) {
            DirectoryUnavailable e = catchThrowableOfType(DirectoryUnavailable.class, () -> down.users().byId("x"));
            assertThat(e).hasMessageStartingWith("The identity provider is unavailable (reading user x:");
        }
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheReadTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             KeycloakDirectory hung = KeycloakDirectory.open(connection("http://127.0.0.1:" + silent.getLocalPort(), SECRET),
                     http(Duration.ofMillis(300)))) {
            // The kernel completes the connection (backlog 1) but nobody ever reads or answers.
            assertThat(catchThrowableOfType(DirectoryUnavailable.class, () -> hung.groups().byId("x"))).isNotNull();
        }
    }

    @Test
    void wrongOrMissingClientCredentialsAreUnavailableNotTheCallersFault() {
        try (KeycloakDirectory wrong = KeycloakDirectory.open(connection(URL, Optional.of("not-the-secret")), http(Duration.ofSeconds(10)));
             KeycloakDirectory none = KeycloakDirectory.open(connection(URL, Optional.empty()), http(Duration.ofSeconds(10)))) {
            assertThat(catchThrowableOfType(DirectoryUnavailable.class, () -> wrong.users().byUsername("alice")))
                    .hasMessageContaining("could not authenticate");
            assertThat(catchThrowableOfType(DirectoryUnavailable.class, () -> none.users().byUsername("alice")))
                    .hasMessageContaining("no client secret");
        }
    }

    @Test
    void aRefusalKeepsKeycloaksReason() {
        // Adding an unknown user to an unknown group: an action (not a lookup), so 404 is a refusal.
        DirectoryRefused refused = catchThrowableOfType(DirectoryRefused.class,
                () -> directory.users().join(UUID.randomUUID().toString(), UUID.randomUUID().toString()));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.providerMessage()).isNotBlank();
        assertThat(refused).hasMessageStartingWith("The identity provider refused adding user");
    }

    private static final String TENANT = DirectoryClients.TENANT_ATTRIBUTE;

    private static KeycloakConnection connection(String url, Optional<String> secret) {
        return new KeycloakConnection(url, "berth", "berth-broker", secret, Duration.ofSeconds(10), "tenants");
    }

    /** RESTEasy classic (the admin client's own dependency) with Keycloak's Jackson settings and a read timeout. */
    private static Client http(Duration readTimeout) {
        return ClientBuilder.newBuilder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new JacksonProvider(), 100)
                .build();
    }
}
