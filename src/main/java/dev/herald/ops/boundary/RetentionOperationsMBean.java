package dev.herald.ops.boundary;

/**
 * {@code herald:type=Retention}: how long delivery history is kept, what the last purge deleted,
 * and a purge on demand. Changes apply to this instance and last until it restarts.
 */
public interface RetentionOperationsMBean {
    /** Attempts and finished messages older than this many days are deleted. */
    int getRetentionDays();

    void setRetentionDays(int days);

    /** Rows deleted per transaction. */
    int getBatchSize();

    void setBatchSize(int size);

    /** ISO-8601 start of the last run on this instance; null before the first. */
    String getLastPurgeAt();

    /** ISO-8601 time of the next daily run on this instance. */
    String getNextScheduledPurge();

    long getLastPurgedAttempts();

    long getLastPurgedMessages();

    long getLastPurgedIdempotencyKeys();

    int getLastPurgeBatches();

    /** The last run's one-line summary, with its error if it stopped on one. */
    String getLastPurgeSummary();

    long getTotalPurgedAttempts();

    long getTotalPurgedMessages();

    long getTotalPurgedIdempotencyKeys();

    /** Runs a purge now (waiting for a running one first); answers its summary. */
    String purgeNow();
}
