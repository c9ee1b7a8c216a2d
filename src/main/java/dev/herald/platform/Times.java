package dev.herald.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at millisecond precision, so an answer shows the same instant the database keeps. */
public final class Times {
    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
