package dev.herald.delivery.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import dev.herald.delivery.entity.Delivery;
import java.time.Instant;

/** Herald's delivery resource: one message owed to one endpoint, and where it stands. */
@Schema(name = "DeliveryOut", description = "Herald extension: one message owed to one endpoint", requiredProperties = {"id", "msgId", "endpointId", "status", "attempts", "createdAt", "updatedAt"},
        properties = {
        @SchemaProperty(name = "status", enumeration = {"pending", "sending", "succeeded", "failed-will-retry", "exhausted"}),
        @SchemaProperty(name = "attempts", description = "Attempts so far"),
        @SchemaProperty(name = "nextAttemptAt", description = "When the next attempt is due (failed-will-retry)")})
public record DeliveryOut(String id, String msgId, String endpointId, String status, int attempts,
        Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {

    static DeliveryOut of(Delivery d) {
        return new DeliveryOut(d.getId(), d.getMessage().getId(), d.getEndpoint().getId(),
                d.getStatus().name().toLowerCase().replace('_', '-'), d.getAttempts(), d.getNextAttemptAt(),
                d.getCreatedAt(), d.getUpdatedAt());
    }
}
