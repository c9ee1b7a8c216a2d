package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultIsSvixsScheduleOfEightAttempts() {
        RetrySchedule schedule = RetrySchedule.parse(RetrySchedule.DEFAULT, 0);
        assertEquals(8, schedule.maxAttempts());
        assertEquals(Duration.ZERO, schedule.delayBefore(1, new Random(1)));
        assertEquals(Duration.ofSeconds(5), schedule.delayBefore(2, new Random(1)));
        assertEquals(Duration.ofHours(10), schedule.delayBefore(8, new Random(1)));
        assertNull(schedule.delayBefore(9, new Random(1)), "after the last attempt the delivery is exhausted");
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        RetrySchedule schedule = RetrySchedule.parse("0,100", 0.2);
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long ms = schedule.delayBefore(2, random).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(min >= 80_000 && max <= 120_000, min + ".." + max);
        assertTrue(max - min > 30_000, "jitter should actually spread the delays");
    }

    @Test
    void aSingleAttemptScheduleNeverRetries() {
        assertNull(RetrySchedule.parse("0", 0.2).delayBefore(2, new Random()));
    }

    @Test
    void roundTripsItsTextAndChecksApiInput() {
        assertEquals("0,2,4", RetrySchedule.parse("0, 2,4", 0.2).toText());
        assertEquals(java.util.List.of(0L, 2L, 4L), RetrySchedule.seconds("0,2,4"));
        assertNull(RetrySchedule.problemWith(java.util.List.of(0L, 2L)));
        assertTrue(RetrySchedule.problemWith(java.util.List.of()) != null);
        assertTrue(RetrySchedule.problemWith(java.util.List.of(-1L)) != null);
        assertTrue(RetrySchedule.problemWith(java.util.List.of(8L * 24 * 3600)) != null);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("0,-5", 0));
        assertThrows(NumberFormatException.class, () -> RetrySchedule.parse("soon", 0));
    }

    @Test
    void maxAttemptsCutsTheScheduleOrRepeatsItsLastDelay() {
        RetrySchedule schedule = RetrySchedule.parse("0,5,300", 0.2);
        assertEquals("0,5", schedule.withMaxAttempts(2).toText());
        assertEquals("0,5,300,300,300", schedule.withMaxAttempts(5).toText());
        assertEquals(0.2, schedule.withMaxAttempts(5).jitter());
        assertThrows(IllegalArgumentException.class, () -> schedule.withMaxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> schedule.withMaxAttempts(51));
    }

    @Test
    void redeliveryDelayIsTheFirstRetrysAndSettingItMakesEveryRetryWaitThatLong() {
        RetrySchedule schedule = RetrySchedule.parse("0,5,300", 0);
        assertEquals(Duration.ofSeconds(5), schedule.redeliveryDelay());
        assertEquals("0,60,60", schedule.withRedeliveryDelay(Duration.ofSeconds(60)).toText());
        assertEquals(Duration.ZERO, RetrySchedule.parse("0", 0).redeliveryDelay());
        assertEquals("0", RetrySchedule.parse("0", 0).withRedeliveryDelay(Duration.ofSeconds(9)).toText());
        assertThrows(IllegalArgumentException.class, () -> schedule.withRedeliveryDelay(Duration.ofSeconds(-1)));
    }
}
