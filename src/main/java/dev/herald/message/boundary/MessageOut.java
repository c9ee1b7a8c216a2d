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
        return json(payload == null ? null : payload.toString());
    }

    /**
     * The same, with the payload's JSON text as given: the intake has it already (the text it
     * stores), and writing the parsed payload out again cost as much as reading it.
     */
    String json(String payloadText) {
        StringBuilder out = new StringBuilder(128 + (payloadText == null ? 0 : payloadText.length())).append('{');
        if (channels != null) {
            out.append("\"channels\":[");
            for (int i = 0; i < channels.size(); i++) {
                out.append(i == 0 ? "" : ",").append(quoted(channels.get(i)));
            }
            out.append("],");
        }
        if (eventId != null) {
            out.append("\"eventId\":").append(quoted(eventId)).append(',');
        }
        if (eventType != null) {
            out.append("\"eventType\":").append(quoted(eventType)).append(',');
        }
        out.append("\"id\":").append(quoted(id));
        if (payloadText != null) {
            out.append(",\"payload\":").append(payloadText);
        }
        if (timestamp != null) {
            out.append(",\"timestamp\":").append(quoted(timestamp.toString()));
        }
        return out.append('}').toString();
    }

    private static String quoted(String value) {
        return dev.herald.platform.json.Jsonp.PROVIDER.createValue(value).toString();
    }

    static MessageOut of(Message m, boolean withContent) {
        return new MessageOut(m.getId(), m.getEventId(), m.getEventType(),
                withContent ? JsonText.parse(m.getPayload()) : JsonValue.EMPTY_JSON_OBJECT,
                JsonText.toList(m.getChannels()), m.getTimestamp());
    }
}
