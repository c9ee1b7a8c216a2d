package dev.herald.retention;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long delivery history is kept and how much one purge transaction deletes (keys in README's
 * configuration table). Both start from MicroProfile Config and may be tuned over JMX, for this
 * instance until it restarts.
 */
@ApplicationScoped
public class RetentionSettings {
    static final int MAX_BATCH_SIZE = 10_000;

    @Inject
    @ConfigProperty(name = "herald.retention.days", defaultValue = "90")
    int configuredDays;

    @Inject
    @ConfigProperty(name = "herald.retention.batch-size", defaultValue = "1000")
    int configuredBatchSize;

    private volatile int days;
    private volatile int batchSize;

    @PostConstruct
    void init() {
        // A bad value must not switch retention off or delete everything: refuse it at start.
        setDays(configuredDays);
        setBatchSize(configuredBatchSize);
    }

    public int days() {
        return days;
    }

    public void setDays(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("retention days must be at least 1");
        }
        this.days = days;
    }

    public int batchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be between 1 and " + MAX_BATCH_SIZE);
        }
        this.batchSize = batchSize;
    }
}
