package dev.herald.subscription.boundary;

import dev.herald.delivery.control.RetrySchedule;
import dev.herald.platform.json.JsonText;
import dev.herald.subscription.entity.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Svix's EndpointOut. The event filter appears twice: {@code filterTypes} (the OpenAPI name) and
 * {@code eventTypes} (the name some SDK models use); both hold the same list. Likewise
 * {@code rateLimit} and its newer name {@code throttleRate}. {@code retrySchedule} is Herald's own:
 * delays in seconds before each attempt, absent when the application's or the default applies;
 * {@code paused}, set by an operator over JMX.
 */
public record EndpointOut(String id, String uid, String url, String description, List<String> filterTypes,
        List<String> eventTypes, List<String> channels, boolean disabled, Integer rateLimit, Integer throttleRate,
        int version,
        Map<String, String> metadata, List<Long> retrySchedule, boolean paused, Instant createdAt,
        Instant updatedAt) {

    static EndpointOut of(Endpoint e) {
        List<String> filter = JsonText.toList(e.getFilterTypes());
        return new EndpointOut(e.getId(), e.getUid(), e.getUrl(), e.getDescription(), filter, filter,
                JsonText.toList(e.getChannels()), e.isDisabled(), e.getRateLimit(), e.getRateLimit(), e.getApiVersion(),
                JsonText.toMap(e.getMetadata()), RetrySchedule.seconds(e.getRetrySchedule()), e.isPaused(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }
}
