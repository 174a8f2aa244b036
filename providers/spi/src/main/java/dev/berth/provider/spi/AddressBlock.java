package dev.berth.provider.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A CIDR block such as {@code 169.254.0.0/16} or {@code fe80::/10}; a bare address is a block
 * of one. Only literals are accepted, so parsing never resolves a name.
 */
public final class AddressBlock {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressBlock(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Whether {@code text} is written like an address or a block (as opposed to a host name). */
    static boolean looksLikeBlock(String text) {
        String address = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        return IPV4.matcher(address).matches() || IPV6.matcher(address).matches();
    }

    /** Parses {@code address[/prefix]}; anything else is an {@link IllegalArgumentException}. */
    public static AddressBlock parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'", e);
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'", e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
        }
        return new AddressBlock(mask(bytes, prefix), prefix, trimmed);
    }

    /** Whether {@code address} lies in this block (IPv4 and IPv6 blocks never contain each other). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
