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
            queueCommitted(claimed.recheck());
            return claimed.tasks();
        }, 1, MAX_BATCH, 100_000, threads).start();
        records = new GroupCommit<DeliveryLedger.Finished, DeliveryStats.AttemptOutcome>("record", batch -> {
            DeliveryLedger.Recorded recorded = ledger.finishAll(batch);
            durable.request(); // an attempt whose record a crash loses is made again (at least once)
            queueCommitted(recorded.retries());
            return recorded.outcomes();
        }, 1, MAX_BATCH, 100_000, threads).start();
    }

    /**
     * Queues tickets for rows that are already committed. If the broker refuses them now, the
     * rows still say what is owed and the sweeper queues them again; failing here would make the
     * group commit run the batch a second time.
     */
    private void queueCommitted(java.util.List<DeliveryQueue.Ticket> tickets) {
        try {
            queue.enqueue(tickets);
        } catch (RuntimeException e) {
            LOG.warning("Could not queue " + tickets.size() + " tickets; the sweeper will: " + e.getMessage());
        }
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
