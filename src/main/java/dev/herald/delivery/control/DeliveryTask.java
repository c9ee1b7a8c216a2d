package dev.herald.delivery.control;

/** Everything one HTTP attempt needs, detached from the persistence context. */
public record DeliveryTask(String deliveryId, String appId, String msgId, String endpointId, String url,
        String secret, String body, int attempt) {
}
