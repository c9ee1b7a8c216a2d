package dev.herald.subscription.control;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) {
            // Never let a range definition trigger a DNS lookup.
            throw new IllegalArgumentException("not an IP range: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP range: " + text);
        }
        if (address.contains(":") && bytes.length == 4) {
            // An IPv4-mapped literal written as IPv6: keep it as the IPv4 range it denotes.
            int p = slash < 0 ? 128 : Integer.parseInt(s.substring(slash + 1));
            return new Cidr(bytes, Math.max(0, p - 96));
        }
        int max = bytes.length * 8;
        int p = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
        if (p < 0 || p > max) {
            throw new IllegalArgumentException("bad prefix length: " + text);
        }
        return new Cidr(bytes, p);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }
}
