package dev.herald.example.hiring.entity;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small helpers for snapshots: ISO-8601 UTC timestamps with milliseconds, nulls as JSON null. */
final class Snapshot {
    /** Looked up once: Payara's {@code Json.createXxx} asks the service loader on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Snapshot() {
    }

    static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    static JsonValue time(Instant at) {
        return at == null ? JsonValue.NULL : JSON.createValue(ISO.format(at));
    }

    static JsonValue text(String value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }

    static JsonValue json(String text) {
        if (text == null) {
            return JsonValue.NULL;
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
