package dev.herald.delivery.control;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only source of addresses: the ones the URL guard just resolved and
 * checked for this attempt, handed over on the sending thread. The client never looks a name
 * up by itself, so a DNS answer that changes between the check and the connect (rebinding)
 * cannot send a webhook to a private address; with no checked addresses it refuses to connect.
 */
final class PinnedResolver implements DnsResolver {
    private record Pin(String host, InetAddress[] addresses) {
    }

    private static final ThreadLocal<Pin> PIN = new ThreadLocal<>();

    static void pin(String host, List<InetAddress> addresses) {
        PIN.set(new Pin(normalize(host), addresses.toArray(InetAddress[]::new)));
    }

    static void clear() {
        PIN.remove();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Pin pin = PIN.get();
        if (pin == null || !pin.host().equals(normalize(host))) {
            throw new UnknownHostException("no checked address for " + host);
        }
        return pin.addresses().clone();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    static String normalize(String host) {
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        try {
            h = IDN.toASCII(h);
        } catch (IllegalArgumentException notIdn) {
            // compare as given
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
