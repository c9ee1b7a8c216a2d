package dev.herald.capture;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Set;

/**
 * Talview's visibility rules, applied to every snapshot whatever the entity put in it: no
 * {@code tenant_id} and no {@code is_deleted} at any depth, and no soft-deleted record in any
 * array. Plain Java.
 */
public final class SnapshotRules {
    /** Looked up once: Payara's {@code Json.createXxx} asks the service loader on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    static final Set<String> HIDDEN = Set.of("tenant_id", "tenantId", "is_deleted", "isDeleted");

    private SnapshotRules() {
    }

    public static JsonObject visible(JsonObject snapshot) {
        JsonObjectBuilder out = JSON.createObjectBuilder();
        snapshot.forEach((key, value) -> {
            if (!HIDDEN.contains(key)) {
                out.add(key, visible(value));
            }
        });
        return out.build();
    }

    static JsonValue visible(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> visible(value.asJsonObject());
            case ARRAY -> visible(value.asJsonArray());
            default -> value;
        };
    }

    static JsonArray visible(JsonArray array) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (JsonValue item : array) {
            if (item instanceof JsonObject o && isSoftDeleted(o)) {
                continue;
            }
            out.add(visible(item));
        }
        return out.build();
    }

    static boolean isSoftDeleted(JsonObject o) {
        for (String key : new String[] {"is_deleted", "isDeleted"}) {
            if (o.get(key) == JsonValue.TRUE) {
                return true;
            }
        }
        return false;
    }
}
