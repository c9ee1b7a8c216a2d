package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClearedMarksTest {
    private final ClearedMarks marks = new ClearedMarks();

    @Test
    void anEndpointClearedAMomentAgoIsNotAskedAgain() {
        assertEquals(List.of("ep_a", "ep_b"), marks.mayBeMarked(List.of("ep_a", "ep_b"), 0), "nothing cleared yet");
        marks.cleared(List.of("ep_a"), 0);
        assertEquals(List.of("ep_b"), marks.mayBeMarked(List.of("ep_a", "ep_b"), ClearedMarks.TRUST_NANOS - 1));
    }

    @Test
    void anotherInstancesMarkIsClearedOnceTheMemoryIsOld() {
        marks.cleared(List.of("ep_a"), 0);
        assertEquals(List.of("ep_a"), marks.mayBeMarked(List.of("ep_a"), ClearedMarks.TRUST_NANOS));
    }

    @Test
    void markingHereForgetsTheClearing() {
        marks.cleared(List.of("ep_a"), 0);
        marks.marking("ep_a");
        assertEquals(List.of("ep_a"), marks.mayBeMarked(List.of("ep_a"), 1), "a failure here: the next success clears it");
    }
}
