package dev.herald.message.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.platform.json.JsonBody;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageOutTest {
    private static final String PAYLOAD = "{\"name\":\"Zoë \\\"Q\\\" \\u00e9\\n\",\"n\":1.50,\"list\":[true,null,{\"a\":\"</x>\"}]}";

    @Test
    void theAnswerIsJsonThatGivesBackThePayloadAndFieldsAsSent() {
        JsonValue parsed = JsonBody.parseObject(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        MessageOut out = new MessageOut("msg_1", "ev-1", "candidate.created", parsed, List.of("a\"b", "c"),
                Instant.parse("2026-11-30T06:00:00.123Z"));
        // The 202 splices the payload's stored text into JSON written by hand: a client must read
        // back valid JSON with the payload, the channels and the rest as they were sent.
        JsonObject answer = JsonBody.parseObject(out.json(parsed.toString()).getBytes(StandardCharsets.UTF_8));
        assertEquals(parsed, answer.get("payload"));
        assertEquals("Zoë \"Q\" é\n", answer.getJsonObject("payload").getString("name"));
        assertEquals(List.of("a\"b", "c"), answer.getJsonArray("channels").getValuesAs(JsonString::getString));
        assertEquals("ev-1", answer.getString("eventId"));
        assertEquals(
                "{\"channels\":[\"a\\\"b\",\"c\"],\"eventId\":\"ev-1\",\"eventType\":\"candidate.created\","
                + "\"id\":\"msg_1\",\"payload\":" + parsed + ",\"timestamp\":\"2026-11-30T06:00:00.123Z\"}", out.json());
    }

    @Test
    void absentFieldsAreLeftOutAsJsonBLeavesOutNulls() {
        MessageOut out = new MessageOut("msg_2", null, "a.b", JsonValue.EMPTY_JSON_OBJECT, null, null);
        assertEquals("{\"eventType\":\"a.b\",\"id\":\"msg_2\",\"payload\":{}}", out.json());
    }
}
