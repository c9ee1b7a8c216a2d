package dev.herald.contract;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a custom header may be. Names are RFC 9110 tokens; values are visible ASCII, spaces and
 * tabs (no CR or LF, so a value cannot smuggle a second header); hop-by-hop headers, the ones
 * Herald computes (body framing, content type, signatures) and the webhook's own identity
 * headers cannot be overridden; all custom headers together stay within 4 KiB. Plain Java.
 */
public final class HeaderRules {
    public static final int MAX_TOTAL_BYTES = 4096;
    public static final int MAX_COUNT = 32;
    static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "content-encoding",
            "transfer-encoding", "connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "upgrade", "expect", "user-agent", "webhook-id",
            "webhook-timestamp", "webhook-signature", "svix-id", "svix-timestamp", "svix-signature");
    /** Headers whose values a GET does not show (Svix calls them sensitive). */
    static final Set<String> SENSITIVE_WORDS = Set.of("auth", "token", "secret", "key", "password", "cookie",
            "signature", "credential", "session");

    private HeaderRules() {
    }

    /** Why the name is unacceptable, or null. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "header names must not be empty";
        }
        if (name.length() > 256) {
            return "header names must be at most 256 characters";
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return "header name '" + printable(name) + "' may only use letters, digits and !#$%&'*+-.^_`|~";
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-")) {
            return "header '" + name + "' is set by Herald or by the connection and cannot be overridden";
        }
        return null;
    }

    /** Why the value is unacceptable, or null. Never quotes the value: it may be a secret. */
    public static String valueProblem(String name, String value) {
        if (value == null) {
            return "the value of header '" + name + "' must be a string";
        }
        if (value.length() > MAX_TOTAL_BYTES) {
            return "the value of header '" + name + "' is too long";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return "the value of header '" + name + "' may only hold visible ASCII characters, spaces and tabs";
            }
        }
        if (!value.equals(value.strip())) {
            return "the value of header '" + name + "' must not start or end with white space";
        }
        return null;
    }

    /** Problems of a whole set of custom headers, or null. */
    public static String problemWith(Map<String, String> headers) {
        if (headers.size() > MAX_COUNT) {
            return "at most " + MAX_COUNT + " custom headers";
        }
        int total = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var e : headers.entrySet()) {
            String problem = nameProblem(e.getKey());
            if (problem == null) {
                problem = valueProblem(e.getKey(), e.getValue());
            }
            if (problem != null) {
                return problem;
            }
            if (!seen.add(e.getKey().toLowerCase(Locale.ROOT))) {
                return "header '" + e.getKey() + "' is given twice (names are case-insensitive)";
            }
            total += e.getKey().length() + e.getValue().length() + 4;
        }
        if (total > MAX_TOTAL_BYTES) {
            return "custom headers must total at most " + MAX_TOTAL_BYTES + " bytes";
        }
        return null;
    }

    public static boolean isSensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_WORDS.stream().anyMatch(lower::contains);
    }

    static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.length() > 64 ? b.substring(0, 64) + "…" : b.toString();
    }
}
