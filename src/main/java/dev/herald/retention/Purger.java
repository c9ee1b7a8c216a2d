package dev.herald.retention;

import dev.herald.platform.Times;
import dev.herald.platform.lease.Leases;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes delivery history older than the retention period, batch by batch. A singleton with a
 * write lock, so the daily run and an operator's {@code purgeNow()} never overlap; an EJB, so a
 * call arriving on a JMX thread still gets the container's transactions for its batches. The
 * run itself holds no transaction: each batch commits on its own.
 *
 * <p>Instances sharing a database purge one at a time: a run takes the {@code retention} lease
 * ({@link Leases}) first, renews it before every batch, and gives it up at the end. A run that
 * finds the lease held elsewhere does nothing and says so. A holder that dies keeps it for at
 * most {@link #LEASE}.
 */
@Singleton
@Lock(LockType.WRITE)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Purger {
    private static final Logger LOG = Logger.getLogger(Purger.class.getName());

    @EJB
    ExpiredRows rows;

    @Inject
    RetentionSettings settings;

    @Inject
    RetentionStats stats;

    @Inject
    Leases leases;

    static final String JOB = "retention";
    static final Duration LEASE = Duration.ofMinutes(10);

    public PurgeReport purge() {
        Instant start = Times.now();
        PurgePlan plan = PurgePlan.at(start, settings.days());
        if (!leases.acquire(JOB, LEASE)) {
            String holder = leases.describe(JOB);
            LOG.info("Retention purge not run here: another instance holds its lease (" + holder + ")");
            return new PurgeReport(start, plan.rowsBefore(), 0, 0, 0, 0, 0,
                    "not run: another instance is purging (lease held by " + holder + ")");
        }
        try {
            return purgeHoldingLease(start, plan);
        } finally {
            leases.release(JOB);
        }
    }

    private PurgeReport purgeHoldingLease(Instant start, PurgePlan plan) {
        int size = settings.batchSize();
        Counts attempts = new Counts();
        Counts messages = new Counts();
        Counts keys = new Counts();
        String failure = null;
        try {
            // Attempts first: a message's attempts are no later than its deliveries' last change,
            // so by the time a message qualifies, its log is gone too.
            BatchLoop.run(size, max -> rows.deleteAttempts(plan.rowsBefore(), renewed(max)), attempts::add);
            BatchLoop.run(size, max -> rows.deleteMessages(plan.rowsBefore(), renewed(max)), messages::add);
            BatchLoop.run(size, max -> rows.deleteIdempotencyKeys(plan.idempotencyKeysBefore(), renewed(max)), keys::add);
            // Svix's payloadRetentionPeriod: shorter than the server's period, so payloads only;
            // counted with nothing, as the message and its log stay.
            BatchLoop.run(size, max -> rows.expungePayloads(start, renewed(max)), n -> { });
        } catch (RuntimeException e) {
            // Committed batches stay deleted (and counted); the next run carries on from there.
            failure = String.valueOf(e.getMessage());
            LOG.log(Level.WARNING, "Retention purge stopped on an error", e);
        }
        PurgeReport report = new PurgeReport(start, plan.rowsBefore(), attempts.rows, messages.rows, keys.rows,
                attempts.batches + messages.batches + keys.batches,
                Times.now().toEpochMilli() - start.toEpochMilli(), failure);
        stats.record(report);
        LOG.log(failure == null ? Level.INFO : Level.WARNING, "Retention purge ({0} days): {1}",
                new Object[] {settings.days(), report.summary()});
        return report;
    }

    /** Renews the lease before a batch; a run that lost it (stalled past {@link #LEASE}) stops. */
    private int renewed(int max) {
        if (!leases.acquire(JOB, LEASE)) {
            throw new IllegalStateException("lost the retention lease to " + leases.describe(JOB));
        }
        return max;
    }

    /** Rows and batches of one kind, counted as each batch commits. */
    private static final class Counts {
        long rows;
        int batches;

        void add(int deleted) {
            rows += deleted;
            batches++;
        }
    }
}
