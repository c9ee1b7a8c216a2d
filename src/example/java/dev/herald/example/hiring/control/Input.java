package dev.herald.example.hiring.control;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reading of a request object: a wrong type is an error, every error names its field, and
 * all errors of a request are reported together by {@link #validate()} as one 422. JSON
 * {@code null} counts as absent.
 */
public final class Input {
    public static final JsonProvider JSON = JsonProvider.provider();

    private final JsonObject object;
    private final List<String> errors = new ArrayList<>();

    private Input(JsonObject object) {
        this.object = object;
    }

    public static Input of(JsonObject object) {
        return new Input(object);
    }

    /** The request body as a JSON object, at most {@code maxBytes}; a 422 otherwise. */
    public static JsonObject readObject(InputStream body, int maxBytes) {
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new Refusal(413, "The body is larger than " + maxBytes + " bytes", List.of());
            }
            try (var reader = JSON.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
                return reader.readObject();
            }
        } catch (IOException | JsonException | ClassCastException | IllegalStateException e) {
            throw new Refusal(422, "The body must be a JSON object", List.of("body"));
        }
    }

    public static Input read(InputStream body, int maxBytes) {
        return of(readObject(body, maxBytes));
    }

    /** Present and not null. */
    public boolean has(String name) {
        JsonValue v = object.get(name);
        return v != null && v.getValueType() != JsonValue.ValueType.NULL;
    }

    /** Present, possibly as an explicit null (PATCH clears a field with null). */
    public boolean present(String name) {
        return object.containsKey(name);
    }

    public String requiredString(String name, int maxLength) {
        if (!has(name)) {
            error(name, "field required");
            return null;
        }
        return string(name, maxLength);
    }

    public String optionalString(String name, int maxLength) {
        return has(name) ? string(name, maxLength) : null;
    }

    private String string(String name, int maxLength) {
        if (!(object.get(name) instanceof JsonString s)) {
            error(name, "must be a string");
            return null;
        }
        String value = s.getString();
        if (value.isBlank() || value.length() > maxLength) {
            error(name, "must be 1 to " + maxLength + " characters");
            return null;
        }
        return value;
    }

    public Integer optionalInt(String name, int min, int max) {
        if (!has(name)) {
            return null;
        }
        if (!(object.get(name) instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < min || n.longValue() > max) {
            error(name, "must be an integer from " + min + " to " + max);
            return null;
        }
        return n.intValue();
    }

    public Double optionalDecimal(String name) {
        if (!has(name)) {
            return null;
        }
        if (!(object.get(name) instanceof JsonNumber n)) {
            error(name, "must be a number");
            return null;
        }
        return n.doubleValue();
    }

    public JsonObject requiredObject(String name) {
        if (!(object.get(name) instanceof JsonObject o)) {
            error(name, "must be a JSON object");
            return null;
        }
        return o;
    }

    public Instant requiredInstant(String name) {
        String text = requiredString(name, 64);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO-8601 instant");
            return null;
        }
    }

    public void error(String name, String message) {
        errors.add(name + ": " + message);
    }

    /** Throws the request's errors as one 422. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw new Refusal(422, String.join("; ", errors),
                    errors.stream().map(e -> e.substring(0, e.indexOf(':'))).toList());
        }
    }
}
