package dev.herald.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PurgePlanTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:17:00Z");

    @Test
    void rowsGoAfterTheRetentionPeriodToTheMillisecond() {
        assertEquals(Instant.parse("2026-08-25T03:17:00Z"), PurgePlan.at(NOW, 90).rowsBefore());
        assertEquals(Instant.parse("2026-11-22T03:17:00Z"), PurgePlan.at(NOW, 1).rowsBefore());
    }

    @Test
    void idempotencyKeysGoAfterADayWhateverTheRetention() {
        assertEquals(Instant.parse("2026-11-22T03:17:00Z"), PurgePlan.at(NOW, 90).idempotencyKeysBefore());
        assertEquals(Instant.parse("2026-11-22T03:17:00Z"), PurgePlan.at(NOW, 3650).idempotencyKeysBefore());
    }

    @Test
    void aRetentionBelowOneDayIsRefusedRatherThanDeletingEverything() {
        assertThrows(IllegalArgumentException.class, () -> PurgePlan.at(NOW, 0));
        assertThrows(IllegalArgumentException.class, () -> PurgePlan.at(NOW, -90));
    }
}
