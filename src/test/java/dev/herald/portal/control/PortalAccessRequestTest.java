package dev.herald.portal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.json.JsonBody;
import dev.herald.platform.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortalAccessRequestTest {

    private static PortalAccessRequest read(String json) {
        return PortalAccessRequest.read(JsonBody.parseObject(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everythingIsOptionalAndTheDefaultIsAWeekReadWrite() {
        PortalAccessRequest in = read("{}");
        assertEquals(Duration.ofDays(7), in.lifetime());
        assertFalse(in.readOnly());
        assertEquals(Set.of(), in.featureFlags());
        assertNull(in.sessionId());
        assertEquals(Duration.ofDays(7), read("{\"expiry\": null, \"readOnly\": null}").lifetime());
    }

    @Test
    void readsSvixFields() {
        PortalAccessRequest in = read("{\"expiry\": 3600, \"readOnly\": true, \"featureFlags\": [\"beta\"], \"sessionId\": \"s-1\"}");
        assertEquals(Duration.ofHours(1), in.lifetime());
        assertTrue(in.readOnly());
        assertEquals(Set.of("beta"), in.featureFlags());
        assertEquals("s-1", in.sessionId());
    }

    @Test
    void aLongerExpiryIsCutToAWeek() {
        assertEquals(Duration.ofDays(7), read("{\"expiry\": 31536000}").lifetime());
        assertEquals(Duration.ofDays(7), read("{\"expiry\": 2147483647}").lifetime());
        assertEquals(Duration.ofSeconds(1), read("{\"expiry\": 1}").lifetime());
    }

    @Test
    void wrongValuesAreValidationErrorsNamingTheField() {
        Problem p = assertThrows(Problem.class,
                () -> read("{\"expiry\": 0, \"readOnly\": \"yes\", \"featureFlags\": [\"no spaces\"], \"sessionId\": 5}"));
        assertEquals(List.of(List.of("body", "expiry"), List.of("body", "readOnly"), List.of("body", "featureFlags"),
                List.of("body", "sessionId")), p.errors().stream().map(e -> e.loc()).toList());
        assertThrows(Problem.class, () -> read("{\"expiry\": 1.5}"));
        assertThrows(Problem.class, () -> read("{\"expiry\": -60}"));
    }

    @Test
    void expireAllDefaultsToNowForEverySession() {
        ExpireAllRequest in = ExpireAllRequest.read(JsonBody.parseObject("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Duration.ZERO, in.delay());
        assertEquals(Set.of(), in.sessionIds());
        ExpireAllRequest some = ExpireAllRequest.read(JsonBody.parseObject(
                "{\"expiry\": 60, \"sessionIds\": [\"s-1\", \"s-2\"]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Duration.ofMinutes(1), some.delay());
        assertEquals(Set.of("s-1", "s-2"), some.sessionIds());
    }
}
