package dev.berth.broker.testsupport;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the broker started by {@code @QuarkusTest} listens: REST and gRPC share the API port;
 * health and metrics are on the management port.
 */
public final class BrokerUnderTest {

    private BrokerUnderTest() {
    }

    public static int port() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The management interface ({@code QUARKUS_MANAGEMENT_TEST_PORT}, else 9001). */
    public static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    public static String managementUrl() {
        return "http://127.0.0.1:" + managementPort();
    }
}
