package dev.herald.subscription.control;

/** CDI event: Herald disabled an endpoint by itself (410 Gone, or failing for too long). */
public record EndpointDisabled(String appId, String endpointId, String url, String reason) {
}
