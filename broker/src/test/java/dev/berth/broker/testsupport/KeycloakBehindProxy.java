package dev.berth.broker.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Test profile: the broker reaches the Keycloak admin API through a {@link KeycloakFaultProxy}
 * the test opens on {@link #port()} (token validation still talks to Keycloak directly).
 * The port is picked once per JVM and shared through a system property, because the profile
 * and the test class may live in different class loaders.
 */
public class KeycloakBehindProxy implements QuarkusTestProfile {

    private static final String PORT_PROPERTY = "berth.test.keycloak-proxy-port";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("berth.keycloak.url", "http://127.0.0.1:" + port());
    }

    public static synchronized int port() {
        String known = System.getProperty(PORT_PROPERTY);
        if (known != null) {
            return Integer.parseInt(known);
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty(PORT_PROPERTY, Integer.toString(probe.getLocalPort()));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
