package dev.herald.eventtype.boundary;

import dev.herald.eventtype.entity.EventType;
import dev.herald.platform.json.JsonText;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Svix's EventTypeOut. */
public record EventTypeOut(String name, String description, boolean archived, boolean deprecated,
        String featureFlag, JsonValue schemas, Instant createdAt, Instant updatedAt) {

    static EventTypeOut of(EventType t) {
        return new EventTypeOut(t.getName(), t.getDescription(), t.isArchived(), t.isDeprecated(), t.getFeatureFlag(),
                t.getSchemas() == null ? null : JsonText.parse(t.getSchemas()), t.getCreatedAt(), t.getUpdatedAt());
    }
}
