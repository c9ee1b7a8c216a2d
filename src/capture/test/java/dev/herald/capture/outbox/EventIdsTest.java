package dev.herald.capture.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventIdsTest {
    @Test
    void uniqueTimeOrderedAndAcceptableToHeraldAsAnEventId() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = EventIds.of("can_1", "CREATED");
            assertTrue(seen.add(id), id);
            // Svix's eventId characters, and not Herald's own id shape (prefix_ + 26 characters)
            assertTrue(id.matches("^[a-zA-Z0-9\\-_.]+$") && !id.matches("^[a-z]+_[0-9a-z]{26}$"), id);
        }
        assertTrue(EventIds.ulid(1_000).compareTo(EventIds.ulid(2_000)) < 0);
        assertEquals(26, EventIds.ulid(System.currentTimeMillis()).length());
    }

    @Test
    void anEventIdNamesItsObjectAndChangeAndStaysWithinSvixsRules() {
        String id = EventIds.of("can_01k/42 x", "UPDATED");
        assertTrue(id.startsWith("can_01k-42-x.updated."), id);
        assertTrue(id.matches("^[a-zA-Z0-9\\-_.]+$"), id);
        String longOne = EventIds.of("o".repeat(400), "CREATED");
        assertEquals(256, longOne.length());
        assertTrue(longOne.endsWith(".created." + longOne.substring(longOne.length() - 26)), longOne);
        assertTrue(!EventIds.of("a", "DELETED").equals(EventIds.of("a", "DELETED")), "unique for the same change twice");
    }

    @Test
    void theSchemaScriptSplitsIntoItsStatementsWithoutComments() {
        var statements = CaptureSchema.statements(CaptureSchema.read());
        assertEquals(2, statements.size(), statements.toString());
        assertTrue(statements.get(0).startsWith("create table if not exists herald_outbox"));
        assertFalse(String.join("", statements).contains("--"));
    }
}
