package dev.herald.delivery.boundary;

import dev.herald.delivery.entity.Delivery;
import java.time.Instant;

/** Herald's delivery resource: one message owed to one endpoint, and where it stands. */
public record DeliveryOut(String id, String msgId, String endpointId, String status, int attempts,
        Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {

    static DeliveryOut of(Delivery d) {
        return new DeliveryOut(d.getId(), d.getMessage().getId(), d.getEndpoint().getId(),
                d.getStatus().name().toLowerCase().replace('_', '-'), d.getAttempts(), d.getNextAttemptAt(),
                d.getCreatedAt(), d.getUpdatedAt());
    }
}
