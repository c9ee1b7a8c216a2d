package dev.herald.platform;

import java.security.SecureRandom;

/**
 * Prefixed, time-ordered identifiers ({@code app_…}, {@code ep_…}, {@code msg_…}): a ULID in
 * lower-case Crockford base32 after the prefix. Ids of one kind sort by creation time in any
 * collation (digits and lower-case letters only), so the list cursor is simply the last id.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + ulid(System.currentTimeMillis());
    }

    static String ulid(long millis) {
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        // 80 random bits as 16 base32 digits
        long hi = ((random[0] & 0xffL) << 32) | ((random[1] & 0xffL) << 24) | ((random[2] & 0xffL) << 16)
                | ((random[3] & 0xffL) << 8) | (random[4] & 0xffL);
        long lo = ((random[5] & 0xffL) << 32) | ((random[6] & 0xffL) << 24) | ((random[7] & 0xffL) << 16)
                | ((random[8] & 0xffL) << 8) | (random[9] & 0xffL);
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }
}
