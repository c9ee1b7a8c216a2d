package dev.herald.ops.boundary;

/**
 * {@code herald:type=Delivery}: what an operator reads and tunes at run time, from JConsole or
 * {@code jcmd}. Changes apply to this instance and last until it restarts.
 */
public interface DeliveryOperationsMBean {
    /** Default delays in seconds before each attempt, e.g. "0,5,300"; their count is the maximum. */
    String getDefaultRetrySchedule();

    void setDefaultRetrySchedule(String seconds);

    /** The schedule's length; setting it cuts the schedule or repeats its last delay. */
    int getMaxAttempts();

    void setMaxAttempts(int attempts);

    /** Seconds before the first retry; setting it makes every retry wait that long. */
    long getRedeliveryDelay();

    void setRedeliveryDelay(long seconds);

    /** Attempts that may run at once to one endpoint. */
    int getEndpointConcurrency();

    void setEndpointConcurrency(int concurrency);

    /** Listener sessions on the delivery queue (fixed by the message-driven bean's activation). */
    int getListenerSessions();

    /** Pause or resume all delivery on this instance; resuming queues everything owed again. */
    boolean isPaused();

    void setPaused(boolean paused);

    /** Returns false when there is no such endpoint. */
    boolean pauseEndpoint(String endpointId);

    boolean resumeEndpoint(String endpointId);

    /** Messages waiting on the delivery queue (the broker's own count, scheduled retries aside). */
    long getQueueDepth();

    int getInFlight();

    /** Tickets waiting in memory for an endpoint that is at its concurrency limit. */
    int getParked();

    long getDeadLetterCount();

    /**
     * How the group-commit writers batched since the start: per writer, items written and the
     * transactions they took (more items per transaction: less database work per message).
     */
    String getWriteBatches();

    /** Restart every exhausted delivery with a fresh retry chain; returns how many. */
    int replayDeadLetters();

    double getAttemptsPerSecond();

    long getAttemptsTotal();

    long getSucceededTotal();

    long getFailedTotal();

    long getEndpointsAutoDisabled();

    /** An ordered endpoint's head of line (what the rest waits behind), or "" when it owes nothing. */
    String orderedHead(String endpointId);

    /** Gives up on an ordered endpoint's head so the line moves on; false when there is none or it is being sent. */
    boolean skipOrderedHead(String endpointId);
}
