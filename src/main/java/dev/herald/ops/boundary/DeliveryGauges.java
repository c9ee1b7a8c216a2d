package dev.herald.ops.boundary;

import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The JMX numbers that are states rather than counts, as MicroProfile Metrics gauges
 * ({@code /metrics}, application scope): read from the same {@link DeliveryOperations} on each
 * scrape. {@code herald.delivery.dead.letters} is a database count, so a scrape costs one query.
 */
final class DeliveryGauges {
    static final List<String> NAMES = List.of("herald.delivery.queue.depth", "herald.delivery.dead.letters",
            "herald.delivery.in.flight", "herald.delivery.parked", "herald.delivery.paused");

    private DeliveryGauges() {
    }

    static void register(MetricRegistry registry, DeliveryOperations ops) {
        unregister(registry);
        gauge(registry, "herald.delivery.queue.depth",
                "Delivery tickets waiting in the broker's queue (-1: not known, e.g. an external broker)",
                ops::getQueueDepth);
        gauge(registry, "herald.delivery.dead.letters",
                "Deliveries exhausted (failed for good) and not yet resent or recovered, all instances",
                ops::getDeadLetterCount);
        gauge(registry, "herald.delivery.in.flight", "Attempts running now on this instance", ops::getInFlight);
        gauge(registry, "herald.delivery.parked",
                "Tickets waiting in this instance's memory for a busy endpoint", ops::getParked);
        gauge(registry, "herald.delivery.paused", "1 while delivery is paused on this instance (JMX), else 0",
                () -> ops.isPaused() ? 1 : 0);
    }

    static void unregister(MetricRegistry registry) {
        NAMES.forEach(registry::remove);
    }

    private static <T extends Number> void gauge(MetricRegistry registry, String name, String description,
            Supplier<T> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value);
    }
}
