package dev.berth.provider.aws;

import dev.berth.provider.spi.Destination;
import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.ProviderException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Option {@code endpointOverride} in typed form: one {@code http(s)://host[:port]} every AWS
 * client of the target talks to instead of AWS (tests: the local emulator). The SDK gets
 * {@link #uri()}, rendered from the parts; user information, paths, query strings and
 * fragments are refused, and the destination must pass the policy's cloud API rules
 * (loopback only by default: an override sends the account's signed requests, and the
 * credentials chain's, wherever it points).
 *
 * @param scheme      {@code http} or {@code https}
 * @param destination where the SDK connects
 */
record EndpointOverride(String scheme, Destination destination) {

    static final String FIELD = AwsOptions.ENDPOINT_OVERRIDE;

    URI uri() {
        return URI.create(scheme + "://" + destination.authority());
    }

    /** Parses and checks the option; refusals never repeat the value. */
    static EndpointOverride parse(String text, DestinationPolicy destinations) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.isOpaque()) {
            throw refused("must be http(s)://host[:port]");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw refused("must not carry user information; credentials are a reference (option credentials)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw refused("must be http(s)://host[:port], without a path, query string or fragment");
        }
        EndpointOverride override = new EndpointOverride(scheme, Destination.of(FIELD, uri.getHost(), uri.getPort()));
        destinations.check(FIELD, override.destination(), DestinationPolicy.Reach.CLOUD_API);
        return override;
    }

    private static ProviderException.EndpointRefused refused(String why) {
        return new ProviderException.EndpointRefused(FIELD, "option " + FIELD + " " + why);
    }
}
