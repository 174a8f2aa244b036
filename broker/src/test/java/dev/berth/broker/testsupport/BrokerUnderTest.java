package dev.berth.broker.testsupport;

import org.eclipse.microprofile.config.ConfigProvider;

/** Where the broker started by {@code @QuarkusTest} listens (REST and gRPC share the port). */
public final class BrokerUnderTest {

    private BrokerUnderTest() {
    }

    public static int port() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + port();
    }
}
