package dev.herald.delivery.control;

import dev.herald.contract.EndpointContract;
import java.time.Instant;
import java.util.List;

/**
 * Everything one HTTP attempt and its bookkeeping need, detached from the persistence context.
 * {@code url} is where this attempt goes (the endpoint's, or the delivery's override);
 * {@code secrets} the endpoint's current secret first, then a rotated-out one still valid;
 * {@code chainPosition} the attempt's place in the current retry chain (1 = first), and
 * {@code retrySchedule} the schedule that applies (endpoint's, else application's, else default);
 * {@code urlOverride} the delivery's own URL when it has one (then {@code url} is that), else null;
 * {@code rowless} the first attempt of a delivery that has no row yet ({@link Destinations}).
 */
public record DeliveryTask(String deliveryId, String appId, String msgId, String endpointId, String url,
        List<String> secrets, EndpointContract contract, String eventType, String eventId, Instant eventTime, String body,
        int attempt, int chainPosition, boolean manual, RetrySchedule retrySchedule, String urlOverride,
        boolean rowless) {
}
