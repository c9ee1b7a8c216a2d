package dev.herald.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * What one purge run deletes, fixed when the run starts so every batch of it uses the same
 * horizons.
 *
 * @param rowsBefore attempts, and messages with their deliveries, older than this go
 * @param idempotencyKeysBefore stored answers to idempotent POSTs older than this go
 */
public record PurgePlan(Instant rowsBefore, Instant idempotencyKeysBefore) {
    /**
     * A client retries a POST within minutes, an SDK within seconds; a day covers a retry after an
     * outage. The common window (Stripe's, and what Svix clients are told to expect), independent
     * of the retention period: the keys only stop duplicates, they are not history.
     */
    public static final Duration IDEMPOTENCY_KEYS_KEPT = Duration.ofHours(24);

    public static PurgePlan at(Instant now, int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retention days must be at least 1");
        }
        return new PurgePlan(now.minus(Duration.ofDays(retentionDays)), now.minus(IDEMPOTENCY_KEYS_KEPT));
    }
}
