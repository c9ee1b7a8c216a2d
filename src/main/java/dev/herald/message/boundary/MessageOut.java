package dev.herald.message.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import dev.herald.message.entity.Message;
import dev.herald.platform.json.JsonText;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** Svix's MessageOut. */
@Schema(name = "MessageOut", requiredProperties = {"id", "eventType", "payload", "timestamp"},
        properties = {
        @SchemaProperty(name = "id", example = "msg_01k0000000000000000000000"),
        @SchemaProperty(name = "payload", description = "{} when with_content=false")})
public record MessageOut(String id, String eventId, String eventType, JsonValue payload, List<String> channels,
        Instant timestamp) {

    /** With the payload already parsed (the request's own), not read back from its text. */
    static MessageOut of(Message m, JsonValue payload) {
        return new MessageOut(m.getId(), m.getEventId(), m.getEventType(), payload, JsonText.toList(m.getChannels()),
                m.getTimestamp());
    }

    /**
     * The JSON text, as JSON-B writes this record (properties in lexicographic order, nulls left
     * out), without going through JSON-B: the 202 of every message is written this way.
     */
    public String json() {
        var o = dev.herald.platform.json.Jsonp.PROVIDER.createObjectBuilder();
        if (channels != null) {
            var list = dev.herald.platform.json.Jsonp.PROVIDER.createArrayBuilder();
            channels.forEach(list::add);
            o.add("channels", list);
        }
        if (eventId != null) {
            o.add("eventId", eventId);
        }
        if (eventType != null) {
            o.add("eventType", eventType);
        }
        o.add("id", id);
        if (payload != null) {
            o.add("payload", payload);
        }
        if (timestamp != null) {
            o.add("timestamp", timestamp.toString());
        }
        return o.build().toString();
    }

    static MessageOut of(Message m, boolean withContent) {
        return new MessageOut(m.getId(), m.getEventId(), m.getEventType(),
                withContent ? JsonText.parse(m.getPayload()) : JsonValue.EMPTY_JSON_OBJECT,
                JsonText.toList(m.getChannels()), m.getTimestamp());
    }
}
