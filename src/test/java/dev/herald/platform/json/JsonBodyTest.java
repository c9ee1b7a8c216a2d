package dev.herald.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.problem.Problem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    private static Problem refused(String text) {
        return assertThrows(Problem.class, () -> JsonBody.parseObject(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAnObjectInOnePassKeepingNumbersAndNesting() {
        var o = JsonBody.parseObject("{\"a\":[1,2.50,{\"b\":null}],\"t\":true,\"s\":\"Zo\\u00eb\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"a\":[1,2.50,{\"b\":null}],\"t\":true,\"s\":\"Zoë\"}", o.toString());
    }

    @Test
    void refusesDeepNestingLongNumbersLoneSurrogatesAndTrailingText() {
        assertTrue(refused("{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}").detail().contains("nested deeper"));
        assertTrue(refused("{\"n\":" + "1".repeat(101) + "}").detail().contains("longer than"));
        assertTrue(refused("{\"s\":\"\\ud800\"}").detail().contains("unpaired surrogate"));
        assertTrue(refused("{\"\\udc00\":1}").detail().contains("unpaired surrogate"));
        assertTrue(refused("{\"a\":1} x").detail().startsWith("Malformed JSON"));
        assertTrue(refused("[1]").detail().contains("must be a JSON object"));
        assertTrue(refused("{\"a\":").detail().startsWith("Malformed JSON"));
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        String ok = "{\"a\":" + "[".repeat(JsonBody.MAX_DEPTH - 1) + "]".repeat(JsonBody.MAX_DEPTH - 1) + "}";
        assertEquals(ok, JsonBody.parseObject(ok.getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void rawPayloadTextIsAnyJsonValue() {
        assertEquals("[1,\"x\"]", JsonBody.parseText(" [1, \"x\"] ", "rawPayload").toString());
        assertThrows(Problem.class, () -> JsonBody.parseText("  ", "rawPayload"));
    }
}
