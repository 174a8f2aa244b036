package dev.berth.provider.libvirt;

import dev.berth.provider.spi.Destination;
import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.ProviderException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A libvirt connection URI in typed form. libvirt treats URI parameters as instructions:
 * {@code command=} and {@code netcat=} name programs it runs, {@code socket=},
 * {@code keyfile=}, {@code pkipath=}, {@code known_hosts=} name files it opens,
 * {@code no_verify=} turns TLS checks off, {@code ext} transport runs {@code command}. So a
 * URI is parsed into these parts and the driver connects to {@link #toString()}, rendered
 * from them — nothing else an admin typed reaches libvirt.
 *
 * <p>Accepted: {@code test:///default} (the simulated hypervisor), {@code qemu:///system}
 * (the local daemon), {@code qemu+ssh://host[:port]/system}, {@code qemu+tls://host[:port]/system},
 * {@code qemu+tcp://host[:port]/system}; the one parameter {@code no_tty=1} (ssh only: never
 * prompt on a terminal). Refused: other hypervisor drivers and transports ({@code ext},
 * {@code unix}, {@code libssh}, {@code libssh2}), {@code /session} and {@code /embed} paths
 * (they start a daemon on the broker's machine), other {@code test} paths (a file on the
 * broker's disk), every other parameter, user information ({@code user@} too: the SSH user
 * comes from the broker's SSH configuration, {@code ~/.ssh/config}), fragments.
 *
 * @param driver      {@code qemu} or {@code test}
 * @param transport   empty for a local connection; {@code ssh}, {@code tls} or {@code tcp}
 * @param destination the remote host, for a remote transport
 * @param path        {@code /system}, or {@code /default} for the test driver
 * @param noTty       {@code ?no_tty=1}
 */
record LibvirtUri(String driver, Optional<String> transport, Optional<Destination> destination, String path,
                  boolean noTty) {

    static final String FIELD = "endpoint";
    private static final Set<String> REMOTE_TRANSPORTS = Set.of("ssh", "tls", "tcp");
    /** Why each well-known parameter is refused; any other parameter is refused too. */
    private static final Map<String, String> DANGEROUS = Map.ofEntries(
            Map.entry("command", "libvirt would run the program it names"),
            Map.entry("netcat", "libvirt would run the program it names on the remote side"),
            Map.entry("proxy", "it chooses the program run on the remote side"),
            Map.entry("socket", "libvirt would connect to the socket it names"),
            Map.entry("keyfile", "libvirt would read the key file it names"),
            Map.entry("pkipath", "libvirt would read the certificates it names"),
            Map.entry("known_hosts", "libvirt would read the file it names"),
            Map.entry("known_hosts_verify", "it turns host key checks off"),
            Map.entry("sshauth", "it chooses how the broker authenticates"),
            Map.entry("no_verify", "it turns TLS certificate checks off"),
            Map.entry("tls_priority", "it weakens TLS"),
            Map.entry("name", "it names another URI for the remote daemon"),
            Map.entry("mode", "it chooses which remote daemon answers"),
            Map.entry("auth", "it chooses how the broker authenticates"),
            Map.entry("authfile", "libvirt would read the file it names"),
            Map.entry("root", "it starts an embedded driver on the broker's machine"));

    /** Whether this is libvirt's simulated {@code test} driver. */
    boolean testDriver() {
        return driver.equals("test");
    }

    /** Refuses a remote destination the policy does not allow; local URIs reach no network. */
    void check(DestinationPolicy policy) {
        destination.ifPresent(d -> policy.check(FIELD, d, DestinationPolicy.Reach.HOST));
    }

    /** The URI libvirt is given, rendered from the parts. */
    @Override
    public String toString() {
        return driver + transport.map(t -> "+" + t).orElse("") + "://"
                + destination.map(Destination::authority).orElse("") + path + (noTty ? "?no_tty=1" : "");
    }

    /** Parses a URI; refusals name the offending part but never repeat the URI (it may carry a password). */
    static LibvirtUri parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw refused("is not a URI");
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            throw refused("must look like driver[+transport]://[host]/path, e.g. qemu:///system");
        }
        String[] scheme = uri.getScheme().toLowerCase(Locale.ROOT).split("\\+", -1);
        String driver = scheme[0];
        Optional<String> transport = scheme.length > 1 ? Optional.of(scheme[1]) : Optional.empty();
        if (scheme.length > 2 || (!driver.equals("qemu") && !driver.equals("test"))) {
            throw refused("must use the qemu or test driver (qemu:///system, qemu+ssh://host/system, test:///default)");
        }
        if (transport.isPresent() && (driver.equals("test") || !REMOTE_TRANSPORTS.contains(transport.get()))) {
            throw refused("transport '" + transport.get() + "' is not allowed; use ssh, tls or tcp with qemu"
                    + " (ext, unix, libssh and libssh2 take programs, sockets or key files from the URI)");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw refused("must not carry user information (user@ or user:password@); the SSH user comes from "
                    + "the broker's SSH configuration (~/.ssh/config), TLS identities from its certificates");
        }
        if (uri.getRawFragment() != null) {
            throw refused("must not have a fragment");
        }
        boolean noTty = parameters(uri.getRawQuery(), transport);
        Optional<Destination> destination = destination(uri, transport);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String expected = driver.equals("test") ? "/default" : "/system";
        if (!path.equals(expected)) {
            throw refused(driver.equals("test")
                    ? "of the test driver must be test:///default (other paths load files from the broker's disk)"
                    : "must end in /system (/session and /embed start a daemon on the broker's machine)");
        }
        return new LibvirtUri(driver, transport, destination, path, noTty);
    }

    private static Optional<Destination> destination(URI uri, Optional<String> transport) {
        boolean hasAuthority = uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty();
        if (transport.isEmpty()) {
            if (hasAuthority) {
                throw refused("names a host but no transport; use qemu+ssh://, qemu+tls:// or qemu+tcp://");
            }
            return Optional.empty();
        }
        if (!hasAuthority) {
            throw refused("with transport " + transport.get() + " needs a host: qemu+" + transport.get() + "://host/system");
        }
        return Optional.of(Destination.of(FIELD, uri.getHost(), uri.getPort()));
    }

    /** The allow-list: {@code no_tty=1} with ssh, nothing else. libvirt splits on both {@code &} and {@code ;}. */
    private static boolean parameters(String rawQuery, Optional<String> transport) {
        if (rawQuery == null) {
            return false;
        }
        if (rawQuery.isEmpty()) {
            throw refused("has an empty query string");
        }
        boolean noTty = false;
        for (String parameter : rawQuery.split("[&;]", -1)) {
            int eq = parameter.indexOf('=');
            String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            if (name.equals("no_tty") && value.equals("1") && transport.equals(Optional.of("ssh")) && !noTty) {
                noTty = true;
                continue;
            }
            if (!name.matches("[a-z_]{1,32}")) {
                throw refused("has a URI parameter Berth does not accept; only no_tty=1 (with ssh) is allowed");
            }
            throw refused("parameter '" + name + "' is refused: "
                    + DANGEROUS.getOrDefault(name, "it is not on Berth's allow-list")
                    + "; only no_tty=1 (with ssh) is allowed");
        }
        return noTty;
    }

    private static ProviderException.EndpointRefused refused(String why) {
        return new ProviderException.EndpointRefused(FIELD, "libvirt URI " + why);
    }
}
