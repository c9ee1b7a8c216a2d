package dev.herald.retention;

import dev.herald.platform.Times;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes delivery history older than the retention period, batch by batch. A singleton with a
 * write lock, so the daily run and an operator's {@code purgeNow()} never overlap; an EJB, so a
 * call arriving on a JMX thread still gets the container's transactions for its batches. The
 * run itself holds no transaction: each batch commits on its own.
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

    public PurgeReport purge() {
        Instant start = Times.now();
        PurgePlan plan = PurgePlan.at(start, settings.days());
        int size = settings.batchSize();
        Counts attempts = new Counts();
        Counts messages = new Counts();
        Counts keys = new Counts();
        String failure = null;
        try {
            // Attempts first: a message's attempts are no later than its deliveries' last change,
            // so by the time a message qualifies, its log is gone too.
            BatchLoop.run(size, max -> rows.deleteAttempts(plan.rowsBefore(), max), attempts::add);
            BatchLoop.run(size, max -> rows.deleteMessages(plan.rowsBefore(), max), messages::add);
            BatchLoop.run(size, max -> rows.deleteIdempotencyKeys(plan.idempotencyKeysBefore(), max), keys::add);
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
