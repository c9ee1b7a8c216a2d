package dev.herald.eventtype.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import dev.herald.eventtype.entity.EventType;
import dev.herald.platform.json.JsonText;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Svix's EventTypeOut. */
@Schema(name = "EventTypeOut", requiredProperties = {"name", "description", "archived", "deprecated", "createdAt", "updatedAt"},
        properties = {
        @SchemaProperty(name = "schemas", description = "JSON schemas by version; schemas[\"1\"].examples are what send-example sends")})
public record EventTypeOut(String name, String description, boolean archived, boolean deprecated,
        String featureFlag, JsonValue schemas, Instant createdAt, Instant updatedAt) {

    static EventTypeOut of(EventType t) {
        return new EventTypeOut(t.getName(), t.getDescription(), t.isArchived(), t.isDeprecated(), t.getFeatureFlag(),
                t.getSchemas() == null ? null : JsonText.parse(t.getSchemas()), t.getCreatedAt(), t.getUpdatedAt());
    }
}
