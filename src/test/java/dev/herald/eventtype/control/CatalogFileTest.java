package dev.herald.eventtype.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog file Herald registers at start: unique names, each with a description, schema and example. */
class CatalogFileTest {
    @Test
    void everyEntryHasADescriptionASchemaAndAnExample() {
        Set<String> names = new HashSet<>();
        for (JsonValue v : CatalogLoader.read()) {
            JsonObject entry = v.asJsonObject();
            String name = entry.getString("name");
            assertTrue(names.add(name), "listed twice: " + name);
            assertFalse(entry.getString("description").isBlank(), name);
            JsonObject schema = entry.getJsonObject("schemas").getJsonObject("1");
            assertEquals(1, schema.getJsonArray("examples").size(), name);
        }
        // the example application's types are its own now (src/example), registered through the API
        assertEquals(Set.of("webhook.test"), names);
    }
}
