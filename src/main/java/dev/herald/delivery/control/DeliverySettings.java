package dev.herald.delivery.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Delivery configuration, read once (keys in README's configuration table). */
@ApplicationScoped
public class DeliverySettings {
    @Inject
    @ConfigProperty(name = "herald.delivery.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "herald.delivery.request-timeout-ms", defaultValue = "15000")
    long requestTimeoutMs;

    @Inject
    @ConfigProperty(name = "herald.delivery.retry-schedule", defaultValue = RetrySchedule.DEFAULT)
    String retrySchedule;

    private RetrySchedule schedule;

    @PostConstruct
    void init() {
        schedule = RetrySchedule.parse(retrySchedule, 0.2);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMs);
    }

    public RetrySchedule schedule() {
        return schedule;
    }
}
