package dev.herald.ops.boundary;

import dev.herald.retention.PurgeReport;
import dev.herald.retention.Purger;
import dev.herald.retention.RetentionSettings;
import dev.herald.retention.RetentionStats;
import dev.herald.retention.RetentionTimer;
import java.time.Instant;
import java.util.function.ToLongFunction;

/** The {@link RetentionOperationsMBean} implementation; registered by {@link JmxRegistration}. */
public class RetentionOperations implements RetentionOperationsMBean {
    private final RetentionSettings settings;
    private final RetentionStats stats;
    private final Purger purger;
    private final RetentionTimer timer;

    RetentionOperations(RetentionSettings settings, RetentionStats stats, Purger purger, RetentionTimer timer) {
        this.settings = settings;
        this.stats = stats;
        this.purger = purger;
        this.timer = timer;
    }

    @Override
    public int getRetentionDays() {
        return settings.days();
    }

    @Override
    public void setRetentionDays(int days) {
        settings.setDays(days);
    }

    @Override
    public int getBatchSize() {
        return settings.batchSize();
    }

    @Override
    public void setBatchSize(int size) {
        settings.setBatchSize(size);
    }

    @Override
    public String getLastPurgeAt() {
        PurgeReport last = stats.last();
        return last == null ? null : last.startedAt().toString();
    }

    @Override
    public String getNextScheduledPurge() {
        Instant next = timer.nextRun();
        return next == null ? null : next.toString();
    }

    @Override
    public long getLastPurgedAttempts() {
        return last(PurgeReport::attempts);
    }

    @Override
    public long getLastPurgedMessages() {
        return last(PurgeReport::messages);
    }

    @Override
    public long getLastPurgedIdempotencyKeys() {
        return last(PurgeReport::idempotencyKeys);
    }

    @Override
    public int getLastPurgeBatches() {
        return (int) last(PurgeReport::batches);
    }

    @Override
    public String getLastPurgeSummary() {
        PurgeReport last = stats.last();
        return last == null ? null : last.summary();
    }

    @Override
    public long getTotalPurgedAttempts() {
        return stats.attemptsTotal();
    }

    @Override
    public long getTotalPurgedMessages() {
        return stats.messagesTotal();
    }

    @Override
    public long getTotalPurgedIdempotencyKeys() {
        return stats.idempotencyKeysTotal();
    }

    @Override
    public String purgeNow() {
        return purger.purge().summary();
    }

    private long last(ToLongFunction<PurgeReport> count) {
        PurgeReport last = stats.last();
        return last == null ? 0 : count.applyAsLong(last);
    }
}
