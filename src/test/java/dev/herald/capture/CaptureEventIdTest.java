package dev.herald.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaptureEventIdTest {

    @Test
    void aCapturedEventsIdNamesItsObjectAndOperationAndIsUnique() {
        String one = CapturePublisher.eventId("cand_01k9", Operation.UPDATED);
        String two = CapturePublisher.eventId("cand_01k9", Operation.UPDATED);
        assertTrue(one.startsWith("cand_01k9.updated."), one);
        assertNotEquals(one, two);
        assertTrue(one.matches("^[a-zA-Z0-9\\-_.]+$"), one);
    }

    @Test
    void anIdOutsideSvixsCharactersOrTooLongStillMakesAValidEventId() {
        String odd = CapturePublisher.eventId("tenant/42 #7", Operation.CREATED);
        assertTrue(odd.startsWith("tenant-42--7.created."), odd);
        String longOne = CapturePublisher.eventId("x".repeat(400), Operation.DELETED);
        assertEquals(256, longOne.length());
        assertTrue(longOne.matches("^x+\\.deleted\\.[0-9a-z]{26}$"), longOne);
    }
}
