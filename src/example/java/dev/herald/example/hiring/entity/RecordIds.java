package dev.herald.example.hiring.entity;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Record ids ({@code cand_} and 26 time-ordered characters) and the records' clock. */
final class RecordIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordIds() {
    }

    static String next(String prefix) {
        long millis = System.currentTimeMillis();
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return prefix + "_" + new String(out);
    }

    /**
     * Milliseconds, as the payloads print them: a timestamp read back from the database then
     * equals the one the webhook carried.
     */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
