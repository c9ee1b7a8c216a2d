package dev.herald.subscription.control;

/**
 * CDI event: an endpoint was created, updated or deleted through the API, fired inside the
 * transaction that did it (the uid is carried because a deleted endpoint can no longer be read).
 */
public record EndpointChanged(Change change, String appId, String endpointId, String endpointUid) {

    public enum Change {
        CREATED, UPDATED, DELETED;

        /** Svix's operational event type: {@code endpoint.created}, … */
        public String eventType() {
            return "endpoint." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
