package dev.herald.delivery.boundary;

import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.message.entity.Message;
import dev.herald.platform.json.JsonText;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/** Svix's EndpointMessageOut: a message sent to one endpoint, with where its delivery stands. */
@Schema(name = "EndpointMessageOut", description = "A message and its delivery to one endpoint",
        requiredProperties = {"id", "eventType", "payload", "timestamp", "status"},
        properties = {
        @SchemaProperty(name = "status", description = "Svix's MessageStatus: 0 success, 1 pending, 2 fail, 3 sending"),
        @SchemaProperty(name = "nextAttempt", description = "When the next attempt is due, if one is")})
public record EndpointMessageOut(String id, String eventId, String eventType, JsonValue payload, List<String> channels,
        Instant timestamp, int status, Instant nextAttempt) {

    static EndpointMessageOut of(Delivery d, boolean withContent) {
        Message m = d.getMessage();
        return new EndpointMessageOut(m.getId(), m.getEventId(), m.getEventType(),
                withContent ? JsonText.parse(m.getPayload()) : JsonValue.EMPTY_JSON_OBJECT,
                JsonText.toList(m.getChannels()), m.getTimestamp(), svixStatus(d.getStatus()), d.getNextAttemptAt());
    }

    static int svixStatus(DeliveryStatus status) {
        return switch (status) {
            case SUCCEEDED -> 0;
            case EXHAUSTED -> 2;
            case SENDING -> 3;
            default -> 1;
        };
    }
}
