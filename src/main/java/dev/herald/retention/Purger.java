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
        long[] deleted = new long[3]; // attempts, messages, idempotency keys
        int[] batches = {0};
        String failure = null;
        try {
            // Attempts first: a message's attempts are no later than its deliveries' last change,
            // so by the time a message qualifies, its log is gone too.
            BatchLoop.run(size, max -> rows.deleteAttempts(plan.rowsBefore(), max), n -> {
                deleted[0] += n;
                batches[0]++;
            });
            BatchLoop.run(size, max -> rows.deleteMessages(plan.rowsBefore(), max), n -> {
                deleted[1] += n;
                batches[0]++;
            });
            BatchLoop.run(size, max -> rows.deleteIdempotencyKeys(plan.idempotencyKeysBefore(), max), n -> {
                deleted[2] += n;
                batches[0]++;
            });
        } catch (RuntimeException e) {
            // Committed batches stay deleted; the next run carries on from there.
            failure = String.valueOf(e.getMessage());
            LOG.log(Level.WARNING, "Retention purge stopped on an error", e);
        }
        PurgeReport report = new PurgeReport(start, plan.rowsBefore(), deleted[0], deleted[1], deleted[2], batches[0],
                Times.now().toEpochMilli() - start.toEpochMilli(), failure);
        stats.record(report);
        LOG.log(failure == null ? Level.INFO : Level.WARNING, "Retention purge ({0} days): {1}",
                new Object[] {settings.days(), report.summary()});
        return report;
    }
}
