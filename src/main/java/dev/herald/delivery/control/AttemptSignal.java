package dev.herald.delivery.control;

import java.time.Instant;
import java.util.Optional;

/**
 * CDI event: an attempt changed what an operator should know about its delivery (Svix's
 * operational events). Fired once the attempt's record has committed, in a transaction of its
 * own ({@link LedgerSignals}), so whatever observes it writes only about what was recorded.
 *
 * @param kind {@link Kind#FAILING} when the {@value #FAILING_AFTER}th attempt failed and will be
 *     retried, {@link Kind#EXHAUSTED} when the delivery failed for good (410 included),
 *     {@link Kind#RECOVERED} when a delivery succeeded after at least that many failures
 */
public record AttemptSignal(Kind kind, String appId, String msgId, String eventId, String endpointId, String attemptId,
        int responseStatusCode, Instant timestamp) {

    public enum Kind { FAILING, EXHAUSTED, RECOVERED }

    /** Svix's threshold: {@code message.attempt.failing} after the fourth failed attempt. */
    public static final int FAILING_AFTER = 4;

    /** What, if anything, attempt {@code attemptNumber}'s verdict signals. */
    static Optional<Kind> kindOf(RetryPolicy.Verdict verdict, int attemptNumber) {
        return switch (verdict) {
            case EXHAUSTED, GONE -> Optional.of(Kind.EXHAUSTED);
            case RETRY -> attemptNumber == FAILING_AFTER ? Optional.of(Kind.FAILING) : Optional.empty();
            case SUCCEEDED -> attemptNumber > FAILING_AFTER ? Optional.of(Kind.RECOVERED) : Optional.empty();
        };
    }
}
