package dev.herald.capture.outbox;

import java.security.SecureRandom;

/**
 * Each outbox row's {@code eventId} at Herald: the object, the change and a ULID (48 bits of
 * milliseconds, 80 random bits, Crockford base32, lower case). Unique without coordination, so a
 * database restored from a backup or two instances of the application never reuse one (Herald
 * would take a reused id for a duplicate and drop the event); the dots keep it from looking like
 * one of Herald's own ids, which Herald refuses as an {@code eventId}. The ULID is written here
 * rather than taken from Herald's {@code Ids}: the library carries no Herald server class. Plain Java.
 */
public final class EventIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    /**
     * An {@code eventId} that names the object and the change that caused the event, so a
     * delivery in Herald's log (whose attempts show {@code eventId}) traces back to it, as
     * TalentLynk's log shows related entity ids: {@code <object id>.<operation>.<ULID>}, within
     * Svix's eventId rules (letters, digits, {@code - _ .}; at most 256). The ULID keeps it unique;
     * a long object id is cut, never the ULID.
     */
    public static String of(String objectId, String operation) {
        String object = objectId == null ? "object" : objectId.replaceAll("[^a-zA-Z0-9\\-_.]", "-");
        String tail = "." + operation.toLowerCase(java.util.Locale.ROOT) + "." + ulid(System.currentTimeMillis());
        return (object.length() + tail.length() <= 256 ? object : object.substring(0, 256 - tail.length())) + tail;
    }

    static String ulid(long millis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = hi << 8 | (random[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = lo << 8 | (random[i] & 0xff);
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
}
