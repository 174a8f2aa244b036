package dev.berth.provider.docker;

import dev.berth.provider.spi.Destination;
import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.ProviderException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A Docker engine endpoint in typed form: a local unix socket or a plain TCP address. The
 * driver connects to {@link #uri()}, rendered from these parts, never to the text an admin
 * typed. Refused: other schemes ({@code npipe}, {@code ssh}, {@code http(s)}), user
 * information, query strings and fragments, relative or non-normalised socket paths, and
 * hosts not spelled unambiguously ({@link Destination}).
 */
sealed interface DockerEndpoint {

    String FIELD = "endpoint";

    /** What the driver connects to. */
    URI uri();

    /** Refuses a TCP destination the policy does not allow; a unix socket is local. */
    void check(DestinationPolicy policy);

    /** {@code unix:///var/run/docker.sock}: a socket file on the broker's machine. */
    record Unix(String path) implements DockerEndpoint {
        @Override
        public URI uri() {
            return URI.create("unix://" + path);
        }

        @Override
        public void check(DestinationPolicy policy) {
        }

        @Override
        public String toString() {
            return uri().toString();
        }
    }

    /** {@code tcp://host:port}: the engine's plain HTTP API (no TLS). */
    record Tcp(Destination destination) implements DockerEndpoint {
        @Override
        public URI uri() {
            return URI.create("tcp://" + destination.authority());
        }

        @Override
        public void check(DestinationPolicy policy) {
            policy.check(FIELD, destination, DestinationPolicy.Reach.HOST);
        }

        @Override
        public String toString() {
            return uri().toString();
        }
    }

    /** Parses an endpoint; refusals never repeat it (it may carry a password). */
    static DockerEndpoint parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw refused("is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("unix") && !scheme.equals("tcp")) {
            throw refused("must be unix:///path/to/docker.sock or tcp://host:port"
                    + (scheme.isEmpty() ? "" : " (a docker host cannot have a " + scheme + ":// endpoint)"));
        }
        if (uri.isOpaque()) {
            throw refused("must be unix:///path/to/docker.sock or tcp://host:port");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw refused("must not carry user information (user@ or user:password@): Docker endpoints have no credentials in Berth");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused("must not have a query string or fragment");
        }
        return scheme.equals("unix") ? unix(uri) : tcp(uri);
    }

    private static DockerEndpoint unix(URI uri) {
        String path = uri.getRawPath();
        if (uri.getRawAuthority() != null || path == null || !path.startsWith("/") || path.length() < 2
                || path.endsWith("/") || !uri.normalize().getRawPath().equals(path) || path.contains("//")
                || path.contains("%") || !path.matches("[A-Za-z0-9._/-]+")) {
            throw refused("must name a socket by its absolute, normalised path: unix:///path/to/docker.sock");
        }
        return new Unix(path);
    }

    private static DockerEndpoint tcp(URI uri) {
        if (uri.getPort() == -1) {
            throw refused("must give the engine's port: tcp://host:port");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw refused("must not have a path: tcp://host:port");
        }
        return new Tcp(Destination.of(FIELD, uri.getHost(), uri.getPort()));
    }

    private static ProviderException.EndpointRefused refused(String why) {
        return new ProviderException.EndpointRefused(FIELD, "docker endpoint " + why);
    }
}
