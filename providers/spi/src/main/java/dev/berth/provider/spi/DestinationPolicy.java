package dev.berth.provider.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the broker may connect: allow and deny lists of CIDR blocks and host names, one pair
 * for host endpoints (Docker {@code tcp://}, remote libvirt URIs) and one for cloud API
 * endpoint overrides (AWS {@code endpointOverride}). Drivers check every network
 * {@link Destination} of an endpoint with it when they open, so nothing connects to a place
 * the platform has not allowed.
 *
 * <p>The rule, per destination: a host name on the deny list, or <em>any</em> address it
 * resolves to inside a denied block, is refused (deny wins). Then, if the allow list is not
 * empty, the destination must be allowed: its name is on it, or <em>every</em> address it
 * resolves to lies in an allowed block. An empty allow list allows whatever is not denied.
 * A name that does not resolve cannot be checked: that is {@link ProviderException.Transient}
 * (the name may resolve later), never a pass.
 *
 * <p>Entries: {@code 169.254.0.0/16}, {@code fd00:ec2::254} (a block of one),
 * {@code kvm-01.example} (exactly that name), {@code *.example} (any name under it).
 *
 * <p>Names are checked when the driver opens; a name re-pointed in DNS afterwards is not
 * noticed until the driver is opened again (broker restart, connection change). Deployments
 * that need more list IP literals only.
 */
public final class DestinationPolicy {

    /** Link-local addresses and the cloud metadata services reachable through them. */
    public static final List<String> DEFAULT_DENY = List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254",
            "100.100.100.200", "metadata.google.internal", "instance-data.ec2.internal");
    /** A cloud API override reaches an emulator on this machine unless the platform allows more. */
    public static final List<String> DEFAULT_CLOUD_API_ALLOW = List.of("127.0.0.0/8", "::1");

    /** Which kind of endpoint a destination belongs to; each has its own rules. */
    public enum Reach {
        /** Docker {@code tcp://}, remote libvirt URIs. */
        HOST,
        /** A cloud SDK's endpoint override. */
        CLOUD_API
    }

    /** Looks a host name up; the default is the JVM's resolver. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * One list pair.
     *
     * @param source where the lists come from, named in refusals (e.g. {@code berth.endpoints.hosts})
     * @param allow  CIDR blocks, addresses and names; empty = anything not denied
     * @param deny   CIDR blocks, addresses and names
     */
    public record Rules(String source, List<String> allow, List<String> deny) {
        public Rules {
            Objects.requireNonNull(source, "source");
            allow = List.copyOf(allow);
            deny = List.copyOf(deny);
        }
    }

    private record Entries(String source, List<AddressBlock> blocks, List<String> names) {
        static Entries of(String source, List<String> entries) {
            List<AddressBlock> blocks = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String entry : entries) {
                String e = entry.strip().toLowerCase(Locale.ROOT);
                if (e.isEmpty()) {
                    continue;
                }
                if (AddressBlock.looksLikeBlock(e)) {
                    blocks.add(AddressBlock.parse(e));
                } else if (Destination.dnsName(e.startsWith("*.") ? e.substring(2) : e)) {
                    names.add(e);
                } else {
                    throw new IllegalArgumentException(source + ": '" + entry
                            + "' is neither an address, a CIDR block, a host name nor *.domain");
                }
            }
            return new Entries(source, List.copyOf(blocks), List.copyOf(names));
        }

        boolean isEmpty() {
            return blocks.isEmpty() && names.isEmpty();
        }

        boolean names(String host) {
            return names.stream().anyMatch(n -> n.startsWith("*.") ? host.endsWith(n.substring(1)) : host.equals(n));
        }

        AddressBlock blockOf(InetAddress address) {
            return blocks.stream().filter(b -> b.contains(address)).findFirst().orElse(null);
        }
    }

    private final Rules hostRules;
    private final Rules cloudApiRules;
    private final Entries hostAllow;
    private final Entries hostDeny;
    private final Entries cloudAllow;
    private final Entries cloudDeny;
    private final Resolver resolver;

    /** @throws IllegalArgumentException on an entry that is not an address, block or name */
    public DestinationPolicy(Rules hosts, Rules cloudApi, Resolver resolver) {
        this.hostRules = hosts;
        this.cloudApiRules = cloudApi;
        this.hostAllow = Entries.of(hosts.source() + ".allow", hosts.allow());
        this.hostDeny = Entries.of(hosts.source() + ".deny", hosts.deny());
        this.cloudAllow = Entries.of(cloudApi.source() + ".allow", cloudApi.allow());
        this.cloudDeny = Entries.of(cloudApi.source() + ".deny", cloudApi.deny());
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public DestinationPolicy(Rules hosts, Rules cloudApi) {
        this(hosts, cloudApi, InetAddress::getAllByName);
    }

    /** The documented defaults: deny link-local and metadata; cloud API overrides to loopback only. */
    public static DestinationPolicy defaults() {
        return new DestinationPolicy(new Rules("default host rules", List.of(), DEFAULT_DENY),
                new Rules("default cloud API rules", DEFAULT_CLOUD_API_ALLOW, DEFAULT_DENY));
    }

    /** The same lists with another resolver (tests resolve made-up names without DNS). */
    public DestinationPolicy withResolver(Resolver other) {
        return new DestinationPolicy(hostRules, cloudApiRules, other);
    }

    /**
     * Refuses {@code destination} unless the rules for {@code reach} let it through.
     *
     * @param field the endpoint's field, named in the refusal
     * @throws ProviderException.EndpointRefused   denied, or not allowed
     * @throws ProviderException.Transient         a name that does not resolve (now)
     */
    public void check(String field, Destination destination, Reach reach) {
        Entries allow = reach == Reach.HOST ? hostAllow : cloudAllow;
        Entries deny = reach == Reach.HOST ? hostDeny : cloudDeny;
        String host = destination.host();
        if (!destination.literal() && deny.names(host)) {
            throw refused(field, "names host " + host + ", which " + deny.source() + " refuses");
        }
        List<InetAddress> addresses = resolve(field, destination);
        for (InetAddress address : addresses) {
            AddressBlock denied = deny.blockOf(address);
            if (denied != null) {
                throw refused(field, reaches(destination, address) + ", which " + deny.source() + " refuses (" + denied + ")");
            }
        }
        if (allow.isEmpty() || (!destination.literal() && allow.names(host))) {
            return;
        }
        for (InetAddress address : addresses) {
            if (allow.blockOf(address) == null) {
                throw refused(field, reaches(destination, address) + ", which is not on " + allow.source());
            }
        }
    }

    private List<InetAddress> resolve(String field, Destination destination) {
        try {
            InetAddress[] found = destination.literal()
                    ? new InetAddress[] {InetAddress.getByName(destination.host())} // a literal: no lookup
                    : resolver.resolve(destination.host());
            if (found == null || found.length == 0) {
                throw new UnknownHostException(destination.host());
            }
            return Arrays.asList(found);
        } catch (UnknownHostException e) {
            throw new ProviderException.Transient(field + " host " + destination.host()
                    + " does not resolve, so the destination policy cannot check it", null);
        }
    }

    private static String reaches(Destination destination, InetAddress address) {
        String ip = address.getHostAddress();
        return destination.literal() ? "reaches " + ip : "names host " + destination.host() + ", which resolves to " + ip;
    }

    private static ProviderException.EndpointRefused refused(String field, String why) {
        return new ProviderException.EndpointRefused(field, why);
    }
}
