package dev.herald.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.platform.json.JsonText;
import org.junit.jupiter.api.Test;

class SnapshotRulesTest {
    @Test
    void hidesTheTenantAndTheSoftDeleteFlagAtEveryDepthAndDropsSoftDeletedRecords() {
        var snapshot = JsonText.parseObject("{\"id\":\"c1\",\"tenant_id\":\"acme\",\"is_deleted\":false,"
                + "\"education\":[{\"id\":\"e1\",\"is_deleted\":false,\"tenant_id\":\"acme\"},"
                + "{\"id\":\"e2\",\"is_deleted\":true}],\"meta\":{\"tenantId\":\"acme\",\"k\":[1,{\"isDeleted\":true}]}}");
        assertEquals(JsonText.parseObject("{\"id\":\"c1\",\"education\":[{\"id\":\"e1\"}],\"meta\":{\"k\":[1]}}"),
                SnapshotRules.visible(snapshot));
    }
}
