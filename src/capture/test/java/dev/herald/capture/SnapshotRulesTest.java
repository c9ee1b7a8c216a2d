package dev.herald.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SnapshotRulesTest {
    static JsonObject parse(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    @Test
    void hidesTheTenantAndTheSoftDeleteFlagAtEveryDepthAndDropsSoftDeletedRecords() {
        var snapshot = parse("{\"id\":\"c1\",\"tenant_id\":\"acme\",\"is_deleted\":false,"
                + "\"education\":[{\"id\":\"e1\",\"is_deleted\":false,\"tenant_id\":\"acme\"},"
                + "{\"id\":\"e2\",\"is_deleted\":true}],\"meta\":{\"tenantId\":\"acme\",\"k\":[1,{\"isDeleted\":true}]}}");
        assertEquals(parse("{\"id\":\"c1\",\"education\":[{\"id\":\"e1\"}],\"meta\":{\"k\":[1]}}"),
                SnapshotRules.visible(snapshot));
    }
}
