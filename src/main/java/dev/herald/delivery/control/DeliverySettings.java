package dev.herald.delivery.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivery configuration (keys in README's configuration table). The defaults come from
 * MicroProfile Config at start; the ones an operator may tune at run time (over JMX) are
 * volatile and change for this instance only.
 */
@ApplicationScoped
public class DeliverySettings {
    static final double JITTER = 0.2;

    @Inject
    @ConfigProperty(name = "herald.delivery.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "herald.delivery.request-timeout-ms", defaultValue = "15000")
    long requestTimeoutMs;

    @Inject
    @ConfigProperty(name = "herald.delivery.retry-schedule", defaultValue = RetrySchedule.DEFAULT)
    String retrySchedule;

    @Inject
    @ConfigProperty(name = "herald.delivery.retry-after-cap-seconds", defaultValue = "3600")
    long retryAfterCapSeconds;

    @Inject
    @ConfigProperty(name = "herald.delivery.endpoint-concurrency", defaultValue = "4")
    int endpointConcurrency;

    @Inject
    @ConfigProperty(name = "herald.delivery.auto-disable-after-hours", defaultValue = "120")
    long autoDisableAfterHours;

    @Inject
    @ConfigProperty(name = "herald.sweeper.interval-seconds", defaultValue = "30")
    long sweeperIntervalSeconds;

    @Inject
    @ConfigProperty(name = "herald.sweeper.grace-seconds", defaultValue = "300")
    long sweeperGraceSeconds;

    private volatile RetrySchedule schedule;
    private final java.util.Map<String, RetrySchedule> parsed = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int concurrency;

    @PostConstruct
    void init() {
        schedule = RetrySchedule.parse(retrySchedule, JITTER);
        concurrency = Math.max(1, endpointConcurrency);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMs);
    }

    /** The server-wide default; endpoints and applications may carry their own. */
    public RetrySchedule schedule() {
        return schedule;
    }

    public void setSchedule(RetrySchedule schedule) {
        this.schedule = schedule;
    }

    /** The schedule for an endpoint: its own, else its application's, else the default. */
    public RetrySchedule scheduleFor(String endpointSchedule, String appSchedule) {
        String text = endpointSchedule != null ? endpointSchedule : appSchedule;
        // parsed once per distinct schedule, not on every attempt
        return text == null ? schedule : parsed.computeIfAbsent(text, t -> RetrySchedule.parse(t, JITTER));
    }

    public Duration retryAfterCap() {
        return Duration.ofSeconds(retryAfterCapSeconds);
    }

    /** How many attempts to one endpoint may run at once on this instance. */
    public int endpointConcurrency() {
        return concurrency;
    }

    public void setEndpointConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.concurrency = concurrency;
    }

    /** An endpoint that has failed every attempt for this long is disabled (Svix: 5 days). */
    public Duration autoDisableAfter() {
        return Duration.ofHours(autoDisableAfterHours);
    }

    /**
     * How long an attempt may stay "sending" before it is presumed lost with its instance: its
     * timeout (the endpoint's own, else the server's) plus the connect timeout and a margin.
     */
    public Duration inFlightLimit(Integer endpointTimeoutMs) {
        Duration timeout = endpointTimeoutMs != null ? Duration.ofMillis(endpointTimeoutMs) : requestTimeout();
        return timeout.plus(connectTimeout()).plus(START_MARGIN);
    }

    /**
     * The part of {@link #inFlightLimit} beyond the attempt itself: an attempt whose delivery
     * was marked as being sent may still start this long after the mark, and still end before
     * the mark runs out.
     */
    public static final Duration START_MARGIN = Duration.ofSeconds(30);

    public Duration sweeperInterval() {
        return Duration.ofSeconds(Math.max(1, sweeperIntervalSeconds));
    }

    /** A delivery this far past due, and not queued for as long, is presumed to have lost its ticket. */
    public Duration sweeperGrace() {
        return Duration.ofSeconds(sweeperGraceSeconds);
    }
}
