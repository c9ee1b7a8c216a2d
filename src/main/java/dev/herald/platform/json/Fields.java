package dev.herald.platform.json;

import dev.herald.platform.problem.FieldError;
import dev.herald.platform.problem.Problem;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reading of a request object: a wrong type is an error (no coercion of {@code 1} to
 * {@code true} or of a number to a string), every error names its field, and all errors of a
 * request are reported together by {@link #validate()}. JSON {@code null} counts as absent, as
 * the Svix SDKs send it for unset optional fields. Unknown members are ignored, as Svix does.
 */
public final class Fields {
    private static final Pattern UID = Pattern.compile("^[a-zA-Z0-9\\-_.]+$");

    private static final Pattern EVENT_TYPE = Pattern.compile("^[a-zA-Z0-9\\-_.]+$");

    private final JsonObject object;
    private final List<FieldError> errors;
    /** Prepended to every field name this instance reports: {@code "application."} for a nested object. */
    private final String prefix;

    private Fields(JsonObject object, List<FieldError> errors, String prefix) {
        this.object = object;
        this.errors = errors;
        this.prefix = prefix;
    }

    public static Fields of(JsonObject object) {
        return new Fields(object, new ArrayList<>(), "");
    }

    /** The fields of a nested object, whose errors are reported with this one's, named {@code name.field}. */
    public Fields nested(String name, JsonObject nestedObject) {
        return new Fields(nestedObject, errors, prefix + name + ".");
    }

    /**
     * Event type names, as Svix validates them in {@code filterTypes}/{@code eventTypes}:
     * letters, digits, {@code - _ .}, at most 256 characters; {@code null} when absent.
     */
    public Set<String> optionalEventTypeSet(String name, int maxItems) {
        return optionalNameSet(name, maxItems, 256);
    }

    /**
     * Channels, as Svix validates them: letters, digits, {@code - _ .}, at most 128 characters;
     * {@code null} when absent.
     */
    public Set<String> optionalChannelSet(String name, int maxItems) {
        return optionalNameSet(name, maxItems, 128);
    }

    /** Names of Svix's one alphabet (event types, channels); {@code null} when absent or refused. */
    private Set<String> optionalNameSet(String name, int maxItems, int maxLength) {
        Set<String> names = optionalStringSet(name, maxItems, maxLength);
        if (names == null) {
            return null;
        }
        int i = 0;
        for (String n : names) {
            if (!EVENT_TYPE.matcher(n).matches()) {
                error(name + "." + i, "may contain only letters, digits, '-', '_' and '.'", "value_error.str.regex");
                return null;
            }
            i++;
        }
        return names;
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
            error(name, "field required", "value_error.missing");
            return null;
        }
        return string(name, maxLength);
    }

    public String optionalString(String name, int maxLength) {
        return has(name) ? string(name, maxLength) : null;
    }

    private String string(String name, int maxLength) {
        JsonValue v = object.get(name);
        if (!(v instanceof JsonString s)) {
            error(name, "must be a string", "type_error.str");
            return null;
        }
        String value = s.getString();
        if (value.isBlank()) {
            error(name, "must not be empty", "value_error.any_str.min_length");
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            error(name, "must not contain NUL characters", "value_error.str");
            return null;
        }
        if (value.length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters", "value_error.any_str.max_length");
            return null;
        }
        return value;
    }

    /** A user-chosen identifier, as Svix restricts them: letters, digits, {@code - _ .}. */
    public String optionalUid(String name) {
        String uid = optionalString(name, 256);
        if (uid != null && !isUid(uid)) {
            error(name, "may contain only letters, digits, '-', '_' and '.', and must not look like a Herald id",
                    "value_error.str.regex");
            return null;
        }
        return uid;
    }

    /** A valid caller-chosen identifier: Svix's character set, and never mistakable for an id. */
    public static boolean isUid(String value) {
        return value.length() <= 256 && UID.matcher(value).matches() && !value.matches("^[a-z]+_[0-9a-z]{26}$");
    }

    public Boolean optionalBoolean(String name) {
        if (!has(name)) {
            return null;
        }
        JsonValue v = object.get(name);
        if (v == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        if (v == JsonValue.FALSE) {
            return Boolean.FALSE;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return Boolean.TRUE;
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return Boolean.FALSE;
        }
        error(name, "must be a boolean", "type_error.bool");
        return null;
    }

    /** A finite number; null when absent. */
    public Double optionalDecimal(String name) {
        if (!has(name)) {
            return null;
        }
        if (!(object.get(name) instanceof jakarta.json.JsonNumber n)) {
            error(name, "must be a number", "type_error.float");
            return null;
        }
        double value = n.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            error(name, "must be a finite number", "value_error.number");
            return null;
        }
        return value;
    }

    public Integer optionalInt(String name, int min, int max) {
        if (!has(name)) {
            return null;
        }
        JsonValue v = object.get(name);
        if (!(v instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
            error(name, "must be an integer", "type_error.integer");
            return null;
        }
        long value;
        try {
            value = n.longValueExact();
        } catch (ArithmeticException e) {
            value = Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            error(name, "must be between " + min + " and " + max, "value_error.number");
            return null;
        }
        return (int) value;
    }

    public JsonObject requiredObject(String name) {
        if (!has(name)) {
            error(name, "field required", "value_error.missing");
            return null;
        }
        JsonValue v = object.get(name);
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            error(name, "must be a JSON object", "type_error.dict");
            return null;
        }
        return v.asJsonObject();
    }

    /** A set of strings, e.g. event type names; {@code null} when absent. */
    public Set<String> optionalStringSet(String name, int maxItems, int maxLength) {
        if (!has(name)) {
            return null;
        }
        JsonValue v = object.get(name);
        if (!(v instanceof JsonArray array)) {
            error(name, "must be an array of strings", "type_error.list");
            return null;
        }
        if (array.size() > maxItems) {
            error(name, "must have at most " + maxItems + " items", "value_error.list.max_items");
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > maxLength) {
                error(name + "." + i, "must be a non-empty string of at most " + maxLength + " characters", "type_error.str");
                return null;
            }
            values.add(s.getString());
        }
        return values;
    }

    /** An ISO-8601 instant such as {@code 2026-11-23T08:00:00Z}. */
    public java.time.Instant requiredInstant(String name) {
        String text = requiredString(name, 64);
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            error(name, "must be an ISO-8601 date-time with an offset, e.g. 2026-11-23T08:00:00Z", "value_error.datetime");
            return null;
        }
    }

    /** An array of integers, e.g. delays in seconds; {@code null} when absent. */
    public List<Long> optionalIntegerList(String name, int maxItems) {
        if (!has(name)) {
            return null;
        }
        if (!(object.get(name) instanceof JsonArray array)) {
            error(name, "must be an array of integers", "type_error.list");
            return null;
        }
        if (array.size() > maxItems) {
            error(name, "must have at most " + maxItems + " items", "value_error.list.max_items");
            return null;
        }
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
                error(name + "." + i, "must be an integer", "type_error.integer");
                return null;
            }
            try {
                values.add(n.longValueExact());
            } catch (ArithmeticException e) {
                error(name + "." + i, "is out of range", "value_error.number");
                return null;
            }
        }
        return values;
    }

    /** A flat object of string values (Svix {@code metadata}); {@code null} when absent. */
    public Map<String, String> optionalStringMap(String name, int maxEntries) {
        if (!has(name)) {
            return null;
        }
        JsonValue v = object.get(name);
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            error(name, "must be an object of string values", "type_error.dict");
            return null;
        }
        JsonObject map = v.asJsonObject();
        if (map.size() > maxEntries) {
            error(name, "must have at most " + maxEntries + " entries", "value_error");
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var entry : map.entrySet()) {
            if (!(entry.getValue() instanceof JsonString s)) {
                error(name + "." + entry.getKey(), "must be a string", "type_error.str");
                return null;
            }
            values.put(entry.getKey(), s.getString());
        }
        return values;
    }

    public void error(String name, String msg, String type) {
        errors.add(FieldError.body(prefix + name, msg, type));
    }

    /** Throws one 422 problem listing every invalid field, if any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
    }
}
