package dev.berth.broker.tenants;

import java.util.UUID;
import java.util.stream.Stream;

import dev.berth.broker.testsupport.RealmAdmin;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Bad input on every tenant, member and service-account route: 400 problem+json with a
 * stable code, and nothing written — no tenant row, no event, no Keycloak group, user or
 * client.
 */
@QuarkusTest
class TenantsBadInputTest {

    private static final String MARK = "bad-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String TENANT = "{\"slug\":\"" + MARK + "\",\"displayName\":\"Bad\","
            + "\"firstAdmin\":{\"username\":\"" + MARK + "-admin\",\"email\":\"" + MARK + "@bad.example\"}}";
    private static final String MEMBER = "{\"username\":\"" + MARK + "-m\",\"email\":\"" + MARK + "-m@acme.example\"}";
    private static final String ACCOUNT = "{\"name\":\"" + MARK + "\"}";

    @BeforeEach
    void clean() {
        TestDatabase.reset();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(TestDatabase.longValue("SELECT count(*) FROM tenant")).isZero();
        assertThat(TestDatabase.longValue("SELECT count(*) FROM event")).isZero();
        assertThat(RealmAdmin.group("/tenants/" + MARK)).isEmpty();
        assertThat(RealmAdmin.user(MARK + "-admin")).isEmpty();
        assertThat(RealmAdmin.user(MARK + "-m")).isEmpty();
        assertThat(RealmAdmin.client("acme." + MARK)).isEmpty();
    }

    static Stream<Arguments> badRequests() {
        String uuid = UUID.randomUUID().toString();
        return Stream.of(
                // user, method, path, body, expected code
                Arguments.of("admin", "POST", "/v1/admin/tenants", "{\"displayName\":\"x\"}", "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace(MARK + "\",\"d", "Bad_Slug!\",\"d"), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace("\"slug\":\"", "\"slug\":\"" + "a".repeat(70)), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace("\"displayName\":\"Bad\",", ""), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace("\"Bad\"", "\"Bad\\u0007\""), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace("\"Bad\"", "\"\""), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace("{\"slug\"", "{\"color\":\"red\",\"slug\""), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace("\"Bad\",", "\"Bad\",\"labels\":{\"bad key\":\"x\"},"), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace(",\"email\":\"" + MARK + "@bad.example\"", ""), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace(MARK + "@bad.example", "not-an-email"), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace(MARK + "-admin", "Upper Case"), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", TENANT.replace("\"email\"", "\"password\":\"x\",\"email\""), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", "{\"slug\": ", "request.malformed"),
                Arguments.of("admin", "POST", "/v1/admin/tenants", "[1]", "request.malformed"),
                Arguments.of("admin", "GET", "/v1/admin/tenants?pageSize=0", null, "request.invalid"),
                Arguments.of("admin", "GET", "/v1/admin/tenants?status=GONE", null, "request.invalid"),
                Arguments.of("admin", "GET", "/v1/admin/tenants?pageToken=%25%25%25", null, "request.invalid"),
                Arguments.of("admin", "GET", "/v1/admin/tenants/Bad_Slug", null, "request.invalid"),
                Arguments.of("admin", "PATCH", "/v1/admin/tenants/Bad_Slug", "{\"displayName\":\"x\"}", "request.invalid"),
                Arguments.of("admin", "PATCH", "/v1/admin/tenants/acme", "{\"status\":\"DELETED\"}", "request.malformed"),
                Arguments.of("admin", "PATCH", "/v1/admin/tenants/acme", "{\"displayName\":\"\"}", "request.invalid"),
                Arguments.of("admin", "PATCH", "/v1/admin/tenants/acme", "{\"labels\":{}}", "request.invalid"),
                Arguments.of("admin", "DELETE", "/v1/admin/tenants/Bad_Slug", null, "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants/Bad_Slug/suspend", null, "request.invalid"),
                Arguments.of("admin", "POST", "/v1/admin/tenants/Bad_Slug/resume", null, "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/members", "{\"email\":\"x@acme.example\"}", "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/members", MEMBER.replace(MARK + "-m\",", "Has Space\","), "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/members", MEMBER.replace(MARK + "-m@acme.example", "nope"), "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/members", MEMBER.replace("{", "{\"roles\":[\"platform-admin\"],"), "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/members", MEMBER.replace("{", "{\"tenantAdmin\":\"yes\","), "request.malformed"),
                Arguments.of("carol", "POST", "/v1/tenant/members?tenant=Bad_Slug", MEMBER, "request.invalid"),
                Arguments.of("admin", "POST", "/v1/tenant/members", MEMBER, "request.invalid"),
                Arguments.of("carol", "GET", "/v1/tenant/members?tenant=Bad_Slug", null, "request.invalid"),
                Arguments.of("carol", "DELETE", "/v1/tenant/members/not-a-uuid", null, "request.invalid"),
                Arguments.of("carol", "PUT", "/v1/tenant/members/not-a-uuid/roles/tenant-admin", null, "request.invalid"),
                Arguments.of("carol", "DELETE", "/v1/tenant/members/not-a-uuid/roles/tenant-admin", null, "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/members/not-a-uuid/reset-password", null, "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/service-accounts", "{}", "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/service-accounts", "{\"name\":\"Bad.Name\"}", "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/service-accounts", "{\"name\":\"" + "a".repeat(41) + "\"}", "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/service-accounts", ACCOUNT.replace("}", ",\"role\":\"platform-admin\"}"), "request.malformed"),
                Arguments.of("carol", "POST", "/v1/tenant/service-accounts", ACCOUNT.replace("}", ",\"secret\":\"mine\"}"), "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/service-accounts", ACCOUNT.replace("}", ",\"description\":\"a\\nb\"}"), "request.invalid"),
                Arguments.of("admin", "POST", "/v1/tenant/service-accounts", ACCOUNT, "request.invalid"),
                Arguments.of("carol", "GET", "/v1/tenant/service-accounts?tenant=Bad_Slug", null, "request.invalid"),
                Arguments.of("carol", "POST", "/v1/tenant/service-accounts/not-a-uuid/rotate-secret", null, "request.invalid"),
                Arguments.of("carol", "DELETE", "/v1/tenant/service-accounts/not-a-uuid", null, "request.invalid"),
                Arguments.of("carol", "DELETE", "/v1/tenant/service-accounts/" + uuid + "?tenant=Bad_Slug", null, "request.invalid"));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("badRequests")
    void refusedWithAProblemAndNothingWritten(String user, String method, String path, String body, String code) {
        var request = given().auth().oauth2(Tokens.user(user));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        request.when().request(method, path)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo(code));
    }
}
