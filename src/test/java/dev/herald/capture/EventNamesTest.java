package dev.herald.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventNamesTest {
    @Test
    void eitherSpellingNamesTheSameEventEvenWithUnderscoresInTheObjectName() {
        assertTrue(EventNames.sameEvent("can.candidate.created", "can_candidate_created"));
        assertTrue(EventNames.sameEvent("ae.test_instance.updated", "ae_test_instance_updated"));
        assertTrue(EventNames.sameEvent("interview.completed", "interview.completed"));
        assertFalse(EventNames.sameEvent("ae.test_instance.created", "ae_test_instance_updated"));
    }
}
