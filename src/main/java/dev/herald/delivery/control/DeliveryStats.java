package dev.herald.delivery.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counters of this instance's delivery work, for operators: JMX ({@code herald:type=Delivery})
 * and MicroProfile Metrics ({@code /metrics}, application scope) read the same counters.
 */
@ApplicationScoped
public class DeliveryStats {
    private static final int WINDOW_SECONDS = 10;
    /** The {@code endpoint} tag value once {@code herald.metrics.endpoint-tags} endpoints have one. */
    public static final String OTHER_ENDPOINTS = "other";

    /** What an attempt left its delivery as: the {@code outcome} tag of {@code herald.delivery.attempts}. */
    public enum AttemptOutcome {
        SUCCEEDED, FAILED_WILL_RETRY, EXHAUSTED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Inject
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "herald.metrics.endpoint-tags", defaultValue = "500")
    int maxEndpointTags;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter[] byOutcome = new Counter[AttemptOutcome.values().length];
    private Histogram duration;
    private final Set<String> taggedEndpoints = ConcurrentHashMap.newKeySet();
    // attempts per second over the last seconds: slot = epoch second % length, stamped by second
    private final AtomicLongArray slotSecond = new AtomicLongArray(WINDOW_SECONDS + 2);
    private final AtomicLongArray slotCount = new AtomicLongArray(WINDOW_SECONDS + 2);

    @PostConstruct
    void register() {
        Metadata attempts = Metadata.builder().withName("herald.delivery.attempts")
                .withDescription("Delivery attempts by what they left the delivery as: succeeded, "
                        + "failed-will-retry or exhausted (failed for good)").build();
        for (AttemptOutcome o : AttemptOutcome.values()) {
            byOutcome[o.ordinal()] = registry.counter(attempts, new Tag("outcome", o.tag()));
        }
        // A histogram of milliseconds, not a Timer: Payara 6.2025.10 prints a Timer's quantiles in
        // nanoseconds under a _seconds name (its buckets and sum are right). docs/platform-notes.md
        duration = registry.histogram(Metadata.builder().withName("herald.delivery.attempt.milliseconds")
                .withDescription("Time of one delivery attempt in milliseconds: connect, request and answer").build());
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    /**
     * One attempt ended.
     *
     * @param outcome what the ledger recorded for the delivery
     */
    public void finished(String endpointId, Outcome attempt, AttemptOutcome outcome) {
        inFlight.decrementAndGet();
        byOutcome[outcome.ordinal()].inc();
        duration.update(Math.max(0, attempt.durationMs()));
        if (!attempt.succeeded()) {
            endpointFailures(endpointId).inc();
        }
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % slotSecond.length());
        long stamped = slotSecond.get(slot);
        if (stamped != second && slotSecond.compareAndSet(slot, stamped, second)) {
            slotCount.set(slot, 0);
        }
        slotCount.incrementAndGet(slot);
    }

    /**
     * One series per endpoint: bounded by {@code herald.metrics.endpoint-tags} (endpoints that
     * failed since start); failures of further endpoints count under {@value #OTHER_ENDPOINTS}.
     */
    private Counter endpointFailures(String endpointId) {
        String tag = endpointId == null ? OTHER_ENDPOINTS : endpointId;
        if (!taggedEndpoints.contains(tag)) {
            if (taggedEndpoints.size() >= maxEndpointTags) {
                tag = OTHER_ENDPOINTS;
            } else {
                taggedEndpoints.add(tag);
            }
        }
        return registry.counter(Metadata.builder().withName("herald.endpoint.failures")
                .withDescription("Failed delivery attempts per endpoint (id); at most herald.metrics.endpoint-tags "
                        + "endpoints get their own series, the rest count as 'other'").build(), new Tag("endpoint", tag));
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long attempts() {
        long sum = 0;
        for (Counter c : byOutcome) {
            sum += c.getCount();
        }
        return sum;
    }

    public long succeeded() {
        return byOutcome[AttemptOutcome.SUCCEEDED.ordinal()].getCount();
    }

    public long failed() {
        return attempts() - succeeded();
    }

    /** Attempts per second, averaged over the last ten whole seconds. */
    public double attemptsPerSecond() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        for (int i = 0; i < slotSecond.length(); i++) {
            long second = slotSecond.get(i);
            if (second < now && second >= now - WINDOW_SECONDS) {
                total += slotCount.get(i);
            }
        }
        return total / (double) WINDOW_SECONDS;
    }
}
