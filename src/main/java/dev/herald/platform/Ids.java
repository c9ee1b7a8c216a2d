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
        return prefix + "_" + monotonic(System.currentTimeMillis());
    }

    private static long lastMillis = -1;
    private static long lastHi;
    private static long lastLo;

    /**
     * A ULID that sorts after every one this process made before it: within one millisecond the
     * random part counts up instead of being drawn again. Ordered endpoints rely on it, because
     * their deliveries go out in id order, which must be the order messages were accepted.
     */
    static synchronized String monotonic(long millis) {
        if (millis <= lastMillis) {
            millis = lastMillis; // a clock step back must not reorder
            if (++lastLo >= 1L << 40) {
                lastLo = 0;
                if (++lastHi >= 1L << 40) {
                    lastMillis = ++millis; // 2^80 ids in one millisecond: borrow the next one
                    lastHi = 0;
                }
            }
        } else {
            byte[] random = new byte[10];
            RANDOM.nextBytes(random);
            lastMillis = millis;
            // the top bit of each half stays clear, so counting up within a millisecond cannot overflow
            lastHi = (((random[0] & 0x7fL) << 32) | ((random[1] & 0xffL) << 24) | ((random[2] & 0xffL) << 16)
                    | ((random[3] & 0xffL) << 8) | (random[4] & 0xffL));
            lastLo = (((random[5] & 0x7fL) << 32) | ((random[6] & 0xffL) << 24) | ((random[7] & 0xffL) << 16)
                    | ((random[8] & 0xffL) << 8) | (random[9] & 0xffL));
        }
        return encode(lastMillis, lastHi, lastLo);
    }

    private static String encode(long millis, long hi, long lo) {
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
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
