package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.delivery.control.RetryPolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetrySchedule TALENTLYNK = RetrySchedule.parse("0,2,4", 0);
    private static final Duration CAP = Duration.ofMinutes(10);

    private static RetryPolicy.Decision after(int status, int position) {
        return RetryPolicy.decide(new Outcome(status, "", 1), TALENTLYNK, position, CAP, new Random(1));
    }

    @Test
    void transientFailuresAreRetriedOnTheScheduleUntilItEnds() {
        assertEquals(new RetryPolicy.Decision(Verdict.RETRY, Duration.ofSeconds(2)), after(503, 1));
        assertEquals(new RetryPolicy.Decision(Verdict.RETRY, Duration.ofSeconds(4)), after(0, 2));
        assertEquals(Verdict.EXHAUSTED, after(500, 3).verdict(), "three attempts, then no more");
        assertEquals(Verdict.RETRY, after(408, 1).verdict());
        assertEquals(Verdict.RETRY, after(429, 1).verdict());
    }

    @Test
    void otherAnswersAreFinalAnd410DisablesTheEndpoint() {
        assertEquals(Verdict.SUCCEEDED, after(204, 1).verdict());
        assertEquals(Verdict.EXHAUSTED, after(400, 1).verdict());
        assertEquals(Verdict.EXHAUSTED, after(404, 1).verdict());
        assertEquals(Verdict.EXHAUSTED, after(302, 1).verdict(), "redirects are failures, not followed");
        assertEquals(Verdict.GONE, after(410, 1).verdict());
        assertFalse(RetryPolicy.isRetryable(401));
        assertTrue(RetryPolicy.isRetryable(599));
    }

    @Test
    void retryAfterLengthensTheWaitUpToTheCapButAddsNoAttempts() {
        Outcome slowDown = new Outcome(429, "", 1, Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(30), RetryPolicy.decide(slowDown, TALENTLYNK, 1, CAP, new Random()).delay());
        Outcome tooLong = new Outcome(429, "", 1, Duration.ofDays(2));
        assertEquals(CAP, RetryPolicy.decide(tooLong, TALENTLYNK, 1, CAP, new Random()).delay());
        Outcome shorter = new Outcome(503, "", 1, Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(2), RetryPolicy.decide(shorter, TALENTLYNK, 1, CAP, new Random()).delay());
        assertEquals(Verdict.EXHAUSTED, RetryPolicy.decide(slowDown, TALENTLYNK, 3, CAP, new Random()).verdict());
    }

    @Test
    void readsBothFormsOfRetryAfter() {
        Instant now = Instant.parse("2026-11-23T08:00:00Z");
        assertEquals(Duration.ofSeconds(120), RetryPolicy.parseRetryAfter("120", now));
        assertEquals(Duration.ofSeconds(90), RetryPolicy.parseRetryAfter("Mon, 23 Nov 2026 08:01:30 GMT", now));
        assertEquals(Duration.ZERO, RetryPolicy.parseRetryAfter("Mon, 23 Nov 2026 07:00:00 GMT", now));
        assertNull(RetryPolicy.parseRetryAfter("soon", now));
        assertNull(RetryPolicy.parseRetryAfter(null, now));
    }
}
