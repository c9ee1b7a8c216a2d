package dev.herald.retention;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/** The last purge run and totals since this instance started, for operators (JMX). */
@ApplicationScoped
public class RetentionStats {
    private final LongAdder attempts = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder idempotencyKeys = new LongAdder();
    private volatile PurgeReport last;

    void record(PurgeReport report) {
        attempts.add(report.attempts());
        messages.add(report.messages());
        idempotencyKeys.add(report.idempotencyKeys());
        last = report;
    }

    /** Null until the first run on this instance. */
    public PurgeReport last() {
        return last;
    }

    public long attemptsTotal() {
        return attempts.sum();
    }

    public long messagesTotal() {
        return messages.sum();
    }

    public long idempotencyKeysTotal() {
        return idempotencyKeys.sum();
    }
}
