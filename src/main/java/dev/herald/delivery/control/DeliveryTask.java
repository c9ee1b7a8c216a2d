package dev.herald.delivery.control;

/**
 * Everything one HTTP attempt and its bookkeeping need, detached from the persistence context.
 * {@code chainPosition} is the attempt's place in the current retry chain (1 = first), and
 * {@code retrySchedule} the schedule that applies (endpoint's, else application's, else default).
 */
public record DeliveryTask(String deliveryId, String appId, String msgId, String endpointId, String url,
        String secret, String body, int attempt, int chainPosition, boolean manual, RetrySchedule retrySchedule) {
}
