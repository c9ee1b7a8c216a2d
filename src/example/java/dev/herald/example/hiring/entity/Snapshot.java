package dev.herald.example.hiring.entity;

import dev.herald.platform.json.JsonText;
import dev.herald.platform.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small helpers for snapshots: ISO-8601 UTC timestamps with milliseconds, nulls as JSON null. */
final class Snapshot {
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Snapshot() {
    }

    static JsonObjectBuilder object() {
        return Jsonp.PROVIDER.createObjectBuilder();
    }

    static JsonValue time(Instant at) {
        return at == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(ISO.format(at));
    }

    static JsonValue text(String value) {
        return value == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(value);
    }

    static JsonValue json(String text) {
        return text == null ? JsonValue.NULL : JsonText.parse(text);
    }
}
