package dev.herald.platform.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks the percent-escapes of a raw request target. Payara decodes the path before any
 * application code runs and, on a malformed escape ({@code /app/50%off}), answers 200 with an
 * empty body: a client would believe its message was accepted. Plain Java, so the rule is tested
 * without a server.
 */
public final class UriEscapes {
    private UriEscapes() {
    }

    /** Why the target's escapes are unacceptable, or null when they are fine. */
    public static String problem(String rawTarget) {
        int question = rawTarget.indexOf('?');
        String path = question < 0 ? rawTarget : rawTarget.substring(0, question);
        String reason = problemIn(path, "path");
        if (reason == null && question >= 0) {
            reason = problemIn(rawTarget.substring(question + 1), "query string");
        }
        return reason;
    }

    private static String problemIn(String part, String where) {
        ByteBuffer decoded = ByteBuffer.allocate(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c != '%') {
                if (c < 0x80) {
                    decoded.put((byte) c);
                }
                continue;
            }
            if (i + 2 >= part.length() || hex(part.charAt(i + 1)) < 0 || hex(part.charAt(i + 2)) < 0) {
                return "The " + where + " has a malformed percent-escape at '" + excerpt(part, i) + "'";
            }
            int b = hex(part.charAt(i + 1)) * 16 + hex(part.charAt(i + 2));
            if (b == 0) {
                return "The " + where + " contains an encoded NUL (%00)";
            }
            decoded.put((byte) b);
            i += 2;
        }
        decoded.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(decoded);
        } catch (CharacterCodingException e) {
            return "The " + where + " has percent-escapes that are not valid UTF-8";
        }
        return null;
    }

    private static String excerpt(String s, int at) {
        return s.substring(at, Math.min(s.length(), at + 3));
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
