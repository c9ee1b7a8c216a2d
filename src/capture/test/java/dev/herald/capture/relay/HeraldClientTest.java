package dev.herald.capture.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.capture.relay.HeraldClient.Verdict;
import org.junit.jupiter.api.Test;

/** What each of Herald's answers means for an outbox row. */
class HeraldClientTest {
    static Verdict message(int status, String body) {
        return HeraldClient.classify(status, body, false).verdict();
    }

    @Test
    void acceptedOrAlreadyThereIsDelivered() {
        assertEquals(Verdict.DELIVERED, message(202, "{\"id\":\"msg_1\"}"));
        assertEquals(Verdict.ALREADY_THERE, message(409, "{\"detail\":\"A message with eventId 'cap-1' already exists\"}"));
    }

    @Test
    void aTenantWithoutAnApplicationHasNobodyToDeliverToButAWrongUrlIsNotThat() {
        assertEquals(Verdict.NO_APPLICATION, message(404, "{\"code\":\"not_found\",\"detail\":\"Application 'acme' does not exist\"}"));
        assertEquals(Verdict.UNAVAILABLE, message(404, "<html>Not Found</html>"));
        assertEquals(Verdict.UNAVAILABLE, HeraldClient.classify(404,
                "{\"detail\":\"Application 'acme' does not exist\"}", true).verdict());
    }

    @Test
    void aRefusalIsForGoodWhileAuthAndServerTroubleWait() {
        assertEquals(Verdict.REFUSED, message(422, "{\"detail\":\"endpointUrls.*: URL must use https://\"}"));
        assertEquals(Verdict.REFUSED, message(413, ""));
        for (int status : new int[] {401, 403, 408, 429, 500, 502, 503}) {
            assertEquals(Verdict.UNAVAILABLE, message(status, ""), "HTTP " + status);
        }
    }
}
