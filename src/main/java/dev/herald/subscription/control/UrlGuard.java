package dev.herald.subscription.control;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether Herald may deliver to a URL: HTTPS to public addresses only, unless every
 * address the host resolves to lies in an operator's allow-list (which also permits plain HTTP).
 * The JDK's {@code InetAddress.is*Address()} predicates miss several non-public ranges, and its
 * parser reads {@code 0177.0.0.1} as decimal, so both the range table and the numeric-host parsing
 * are Herald's own. Plain Java: checked at registration and again before every delivery.
 */
public final class UrlGuard {
    static final List<Cidr> NON_PUBLIC = List.of(
            // IPv4
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"), Cidr.parse("192.88.99.0/24"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"),
            Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            // IPv6: unspecified, loopback and IPv4-compatible, IPv4-translated, NAT64, discard, IETF/Teredo,
            // documentation, 6to4, unique-local, link-local, site-local, multicast
            Cidr.parse("::/96"), Cidr.parse("::ffff:0:0:0/96"), Cidr.parse("64:ff9b::/96"), Cidr.parse("64:ff9b:1::/48"),
            Cidr.parse("100::/64"), Cidr.parse("2001::/23"), Cidr.parse("2001:db8::/32"),
            Cidr.parse("2002::/16"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("fec0::/10"), Cidr.parse("ff00::/8"),
            // documentation (RFC 9637) and SRv6 segment identifiers (RFC 9602)
            Cidr.parse("3fff::/20"), Cidr.parse("5f00::/16"));

    private final List<Cidr> allowed;
    private final Resolver resolver;
    private final boolean refuseIpLiterals;

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public UrlGuard(List<Cidr> allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    public UrlGuard(List<Cidr> allowed, Resolver resolver) {
        this(allowed, resolver, false);
    }

    /**
     * @param refuseIpLiterals refuse URLs that name an IP address instead of a host (TalentLynk:
     *     "IP addresses are rejected"), allow-listed ranges excepted
     */
    public UrlGuard(List<Cidr> allowed, Resolver resolver, boolean refuseIpLiterals) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
        this.refuseIpLiterals = refuseIpLiterals;
    }

    /** Parses a comma-separated list of ranges, e.g. {@code HERALD_TARGETS_ALLOW}. */
    public static List<Cidr> parseRanges(String text) {
        List<Cidr> ranges = new ArrayList<>();
        if (text == null) {
            return ranges;
        }
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                ranges.add(Cidr.parse(part));
            }
        }
        return ranges;
    }

    /** The outcome: the addresses to connect to, or why not. */
    public record Verdict(boolean allowed, String reason, URI uri, List<InetAddress> addresses) {
        static Verdict refuse(String reason) {
            return new Verdict(false, reason, null, List.of());
        }
    }

    /** Syntax only (scheme, host, no userinfo): no DNS. */
    public static String syntaxProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "must be an https:// URL";
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return "must not contain user information ('user@host')";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty() ? "must have a host name"
                    : "has an invalid host or port";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return "has an invalid port (1 to 65535)";
        }
        if (uri.getRawFragment() != null) {
            return "must not contain a fragment ('#')";
        }
        return null;
    }

    /** What a URL's text alone decides, without DNS: a refusal, or its parsed form. */
    private record Parsed(String refusal, URI uri) {
    }

    /**
     * Parsed URLs, so that an endpoint's attempts do not parse and pattern-match its URL again
     * each time (a few per cent of a delivery thread). Bounded: emptied when full.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Parsed> parsed = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_PARSED = 10_000;

    /** The longest URL an endpoint or a message's per-endpoint override may have. */
    public static final int MAX_URL_LENGTH = 2048;

    private static Parsed parse(String url) {
        String syntax = syntaxProblem(url);
        if (syntax != null) {
            return new Parsed("URL " + syntax, null);
        }
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (parseLegacyIpv4(stripDot(host)) != null && !isCanonicalIpv4(host)) {
            // 0127.0.0.1 is 87.0.0.1 to curl and browsers but 127.0.0.1 to the JDK, which does
            // the connecting: only the spelling both read alike is accepted.
            return new Parsed("URL must write an IPv4 address in plain dotted decimal (like 192.0.2.10)", null);
        }
        return new Parsed(null, uri);
    }

    /** Whether Herald may deliver to the URL now: its text, then what its host resolves to (every time). */
    public Verdict check(String url) {
        Parsed p = parsed.get(url);
        if (p == null) {
            p = parse(url);
            if (url.length() <= MAX_URL_LENGTH) { // a URL no endpoint can have is not kept
                if (parsed.size() >= MAX_PARSED) {
                    parsed.clear();
                }
                parsed.put(url, p);
            }
        }
        if (p.refusal() != null) {
            return Verdict.refuse(p.refusal());
        }
        URI uri = p.uri();
        String host = uri.getHost();
        List<InetAddress> addresses;
        try {
            addresses = addressesOf(host);
        } catch (UnknownHostException e) {
            return Verdict.refuse("host '" + host + "' does not resolve");
        } catch (IllegalArgumentException e) {
            // IDN.toASCII: a label over 63 characters, or characters no host name may hold
            return Verdict.refuse("host '" + (host.length() > 80 ? host.substring(0, 80) + "…" : host)
                    + "' is not a valid host name");
        }
        if (addresses.isEmpty()) {
            return Verdict.refuse("host '" + host + "' does not resolve");
        }
        if (addresses.stream().allMatch(this::isAllowListed)) {
            return new Verdict(true, null, uri, addresses);
        }
        if (refuseIpLiterals && isIpLiteral(host)) {
            return Verdict.refuse("URL must name a host, not an IP address");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Verdict.refuse("URL must use https://");
        }
        for (InetAddress address : addresses) {
            if (!isAllowListed(address) && isNonPublic(address)) {
                return Verdict.refuse("host '" + host + "' is not a public address (" + address.getHostAddress() + ")");
            }
        }
        return new Verdict(true, null, uri, addresses);
    }

    static boolean isIpLiteral(String rawHost) {
        String host = stripDot(rawHost);
        return host.startsWith("[") || parseLegacyIpv4(host) != null;
    }

    private boolean isAllowListed(InetAddress address) {
        return allowed.stream().anyMatch(c -> c.contains(address));
    }

    static boolean isNonPublic(InetAddress address) {
        return NON_PUBLIC.stream().anyMatch(c -> c.contains(address));
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Four decimal parts of 0 to 255 without leading zeros: the one spelling everyone agrees on. */
    static boolean isCanonicalIpv4(String host) {
        return CANONICAL_IPV4.matcher(host).matches();
    }

    // compiled once: every attempt checks its target (String.matches compiled it per call)
    private static final java.util.regex.Pattern CANONICAL_IPV4 = java.util.regex.Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");

    private List<InetAddress> addressesOf(String rawHost) throws UnknownHostException {
        String host = stripDot(rawHost);
        if (host.startsWith("[") && host.endsWith("]")) {
            // An IPv6 literal: parsed, never looked up.
            return List.of(InetAddress.getByName(host.substring(1, host.length() - 1)));
        }
        byte[] numeric = parseLegacyIpv4(host);
        if (numeric != null) {
            return List.of(InetAddress.getByAddress(numeric));
        }
        return List.of(resolver.resolve(IDN.toASCII(host)));
    }

    /**
     * IPv4 as {@code inet_aton} (and so curl and browsers) read it: one to four parts, each
     * decimal, octal (leading 0) or hex (0x), the last part filling the remaining bytes. Returns
     * null for anything that is a host name.
     */
    static byte[] parseLegacyIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                return null;
            }
            try {
                if (p.startsWith("0x")) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p, 10);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (values[i] < 0 || values[i] > 0xffffffffL) {
                return null;
            }
        }
        long result = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            result |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        int lastBytes = 4 - (parts.length - 1);
        if (last >= (1L << (8 * lastBytes))) {
            return null;
        }
        result |= last;
        return new byte[] {(byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result};
    }
}
