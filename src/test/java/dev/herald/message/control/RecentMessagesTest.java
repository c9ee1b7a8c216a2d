package dev.herald.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentMessagesTest {
    private final RecentMessages recent = new RecentMessages();

    @Test
    void aMessageIsKeptUntilEachOfItsFirstAttemptsHasStarted() {
        recent.put(message("msg_1", 10), 2);
        recent.firstAttemptStarted("msg_1");
        assertNotNull(recent.get("msg_1"), "its second endpoint's first attempt still needs it");
        recent.firstAttemptStarted("msg_1");
        assertNull(recent.get("msg_1"));
        recent.firstAttemptStarted("msg_1"); // a duplicate ticket: nothing to do
    }

    @Test
    void aMessageWithoutAttemptsIsNotKept() {
        recent.put(message("msg_1", 10), 0);
        assertNull(recent.get("msg_1"));
    }

    @Test
    void whatIsNeverAttemptedHereLeavesOldestFirstOncePayloadsAreOverTheirBound() {
        int size = (int) (RecentMessages.MAX_CHARS / 16);
        for (int i = 0; i < 17; i++) { // first attempts that never come (another instance, a paused endpoint)
            recent.put(message("msg_" + i, size), 1);
        }
        assertNull(recent.get("msg_0"), "the oldest went");
        assertNotNull(recent.get("msg_1"));
        assertNotNull(recent.get("msg_16"));
    }

    @Test
    void messagesAttemptedBehindOneThatIsNotAreForgottenWithinTheBound() {
        recent.put(message("msg_waiting", 10), 1); // its endpoint is paused: it stays at the head
        for (int i = 0; i < RecentMessages.MAX_QUEUED + 10; i++) {
            recent.put(message("msg_" + i, 10), 1);
            recent.firstAttemptStarted("msg_" + i);
        }
        assertNull(recent.get("msg_waiting"), "pushed out once the ids behind it reached the bound");
        recent.put(message("msg_next", 10), 1);
        assertEquals("msg_next", recent.get("msg_next").id());
    }

    private static RecentMessages.Cached message(String id, int chars) {
        return new RecentMessages.Cached(id, "app_1", "candidate.created", null, Instant.now(), "x".repeat(chars));
    }
}
