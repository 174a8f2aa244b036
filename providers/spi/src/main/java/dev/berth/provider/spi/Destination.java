package dev.berth.provider.spi;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A network place an endpoint makes the broker connect to: a host and a port, the host in one
 * unambiguous spelling. Parsed from a URI's host before anything connects, and the only form
 * a {@link DestinationPolicy} checks.
 *
 * <p>Why so strict: the connecting library (glibc's {@code getaddrinfo}, {@code ssh}, the
 * JDK) must read the host exactly as the policy did. {@code inet_aton} takes {@code 127.1},
 * {@code 0x7f.1} and {@code 2130706433} as loopback while a name check would see names, and a
 * host starting with {@code -} becomes an ssh option. So: dotted-quad IPv4 without leading
 * zeros, an IPv6 literal without zone, or a DNS name whose last label starts with a letter.
 *
 * @param host lower-case name or IP literal (IPv6 without brackets)
 * @param port TCP port, 1–65535, or 0 when the endpoint leaves it to the transport's default
 */
public record Destination(String host, int port) {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public Destination {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Reads the host of a parsed URI ({@link java.net.URI#getHost()}: IPv6 comes in brackets).
     *
     * @param field what the admin called it, for the refusal ({@code endpoint}, {@code endpointOverride})
     */
    public static Destination of(String field, String uriHost, int port) {
        if (uriHost == null || uriHost.isEmpty()) {
            throw new ProviderException.EndpointRefused(field, "needs a host name or IP address");
        }
        if (port != -1 && (port < 1 || port > 65535)) {
            throw new ProviderException.EndpointRefused(field, "has a port outside 1-65535");
        }
        String host = uriHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (!IPV6.matcher(host).matches()) {
                throw new ProviderException.EndpointRefused(field,
                        "has an IPv6 host that is not a plain literal (no zone ids or other forms)");
            }
        } else if (!IPV4.matcher(host).matches() && !dnsName(host)) {
            throw new ProviderException.EndpointRefused(field, "has a host that is neither a dotted-quad IPv4 address, "
                    + "a bracketed IPv6 address nor a DNS name whose last label starts with a letter");
        }
        return new Destination(host, Math.max(port, 0));
    }

    /** Whether the host is an IP literal (then no name resolution happens). */
    public boolean literal() {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** The port, if the endpoint gave one. */
    public Optional<Integer> explicitPort() {
        return port == 0 ? Optional.empty() : Optional.of(port);
    }

    /** {@code host:port} as a URI authority ({@code [v6]:port}), for rendering canonical endpoints. */
    public String authority() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }

    /** RFC 1123 labels, at most 253 characters, the last label starting with a letter. */
    static boolean dnsName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return Character.isLetter(labels[labels.length - 1].charAt(0));
    }
}
