package dev.herald.delivery.control;

import dev.herald.platform.concurrent.AppThreads;
import dev.herald.platform.batch.GroupCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Group commit for the ledger: attempts that start together claim their deliveries in one
 * transaction, and attempts that end together are recorded in one. Under load dozens of
 * attempts share a commit instead of paying one each; alone, an attempt waits for nobody.
 */
@ApplicationScoped
public class LedgerBatches {
    private static final Logger LOG = Logger.getLogger(LedgerBatches.class.getName());
    static final int MAX_BATCH = 64;
    static final long CLAIM_TIMEOUT_MILLIS = 30_000;
    static final long RECORD_TIMEOUT_MILLIS = 60_000;
    /**
     * How long the record writer waits for more attempts to end before it writes those it has,
     * unless an ordered lane waits for its record: records that nobody waits for (see {@link
     * #recordLater}) are written in fewer transactions, a few milliseconds later.
     */
    static final long RECORD_LINGER_MILLIS = 2;
    /**
     * Attempts sent whose record has not committed yet, at most (see {@link #recordLater}): what
     * a crash makes Herald send again. With 1,024 a kill -9 under load left 63 attempts
     * unrecorded that the other instance then sent again (ProductionShapeIT: 2 before, when each
     * delivery thread waited); this bound keeps that near what it was, and paces the delivery
     * threads when the record writer falls behind.
     */
    static final int UNRECORDED_MAX = 16;

    private final java.util.concurrent.Semaphore unrecorded = new java.util.concurrent.Semaphore(UNRECORDED_MAX);

    @Inject
    DeliveryLedger ledger;

    @Inject
    DeliveryQueue queue;

    @Inject
    dev.herald.platform.durable.DurableWrites durable;

    @Inject
    AppThreads threads;

    private GroupCommit<DeliveryQueue.Ticket, DeliveryTask> claims;
    private GroupCommit<DeliveryLedger.Finished, DeliveryStats.AttemptOutcome> records;

    @PostConstruct
    void start() {
        claims = new GroupCommit<DeliveryQueue.Ticket, DeliveryTask>("claim", batch -> {
            DeliveryLedger.Claimed claimed = ledger.beginAll(batch);
            durable.request(); // a claim lost to a crash is only claimed again
            queue.enqueueCommitted(claimed.recheck());
            return claimed.tasks();
        }, 1, MAX_BATCH, 100_000, threads).start();
        records = new GroupCommit<DeliveryLedger.Finished, DeliveryStats.AttemptOutcome>("record", batch -> {
            DeliveryLedger.Recorded recorded = ledger.finishAll(batch);
            durable.request(); // an attempt whose record a crash loses is made again (at least once)
            queue.enqueueCommitted(recorded.retries());
            return recorded.outcomes();
        }, 1, MAX_BATCH, 100_000, threads).lingering(RECORD_LINGER_MILLIS, UNRECORDED_MAX).start();
    }

    /** How the claim and record writers batched (see {@link GroupCommit#batching}). */
    public String batching() {
        return claims.batching() + "; " + records.batching();
    }

    @PreDestroy
    void stop() {
        claims.stop();
        records.stop();
    }

    /** The task for this ticket, or null when it is stale or must wait. */
    public DeliveryTask claim(DeliveryQueue.Ticket ticket) {
        DeliveryTask fromIngest = ledger.fromIngest(ticket);
        if (fromIngest != null) {
            return fromIngest;
        }
        try {
            return claims.submit(ticket, CLAIM_TIMEOUT_MILLIS);
        } catch (GroupCommit.Busy e) {
            // the delivery is still owed: the sweeper queues it again
            LOG.warning("Delivery " + ticket.deliveryId() + " not claimed: " + e.getMessage());
            return null;
        }
    }

    /**
     * Records the attempt without waiting for the commit, and tells {@code then} what it led to
     * (unrecorded counts as a retry) once it has committed. The delivery thread goes on to its
     * next attempt meanwhile: waiting for each record put every delivery thread to sleep and
     * woke it again per attempt, a tenth of Herald's CPU under load (async-profiler, 2 cores).
     * Nothing waits for the record but what it makes true: a retry is queued after it commits,
     * and an attempt whose record a crash loses is made again (at least once), as before. At most
     * {@link #UNRECORDED_MAX} attempts wait for their record; beyond that a delivery thread
     * waits for the writer, as each one used to.
     */
    public void recordLater(DeliveryTask task, Outcome outcome, java.util.function.Consumer<DeliveryStats.AttemptOutcome> then) {
        boolean permitted;
        try {
            permitted = unrecorded.tryAcquire(RECORD_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permitted = false;
        }
        if (!permitted) {
            notRecorded(task, "the record writer is " + UNRECORDED_MAX + " attempts behind", then);
            return;
        }
        java.util.concurrent.CompletableFuture<DeliveryStats.AttemptOutcome> recorded;
        try {
            recorded = records.submitLater(new DeliveryLedger.Finished(task, outcome));
        } catch (GroupCommit.Busy e) {
            unrecorded.release();
            notRecorded(task, e.getMessage(), then);
            return;
        }
        recorded.whenComplete((result, failed) -> {
            unrecorded.release();
            if (failed != null) {
                notRecorded(task, String.valueOf(failed.getMessage()), then);
            } else {
                then.accept(result);
            }
        });
    }

    /** Still "sending": once it cannot be running any more, it is sent again (at least once). */
    private static void notRecorded(DeliveryTask task, String why, java.util.function.Consumer<DeliveryStats.AttemptOutcome> then) {
        LOG.warning("Attempt " + task.attempt() + " of delivery " + task.deliveryId() + " not recorded: " + why);
        then.accept(DeliveryStats.AttemptOutcome.FAILED_WILL_RETRY);
    }

    /** What the recorded attempt led to; unrecorded (the commit did not come) counts as a retry. */
    public DeliveryStats.AttemptOutcome record(DeliveryTask task, Outcome outcome) {
        try {
            return records.submit(new DeliveryLedger.Finished(task, outcome), RECORD_TIMEOUT_MILLIS);
        } catch (GroupCommit.Busy e) {
            // still "sending": once it cannot be running any more, it is sent again (at least once)
            LOG.warning("Attempt " + task.attempt() + " of delivery " + task.deliveryId() + " not recorded: "
                    + e.getMessage());
            return DeliveryStats.AttemptOutcome.FAILED_WILL_RETRY;
        }
    }
}
