package dev.herald.retention;

import java.time.Instant;

/**
 * What one purge run deleted. {@code failure} is null unless the run stopped on an error; the
 * counts then say what was deleted before it.
 */
public record PurgeReport(Instant startedAt, Instant rowsBefore, long attempts, long messages, long idempotencyKeys,
        int batches, long millis, String failure) {

    /** One line for the log and for the operator's {@code purgeNow()}. */
    public String summary() {
        String counts = "deleted " + attempts + " attempts, " + messages + " messages with their deliveries and "
                + idempotencyKeys + " idempotency keys older than " + rowsBefore + " in " + batches + " batches, "
                + millis + " ms";
        return failure == null ? counts : counts + ", then failed: " + failure;
    }
}
