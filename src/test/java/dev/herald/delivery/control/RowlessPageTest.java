package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which messages a page of the rowless sweep looks at ({@link RowlessSweep#lookAt}). The sweep's
 * mark is an instant and the next page reads after it, so a page must never end inside an
 * instant whose other messages it leaves for later: they would never be looked at, and a
 * delivery whose ticket was lost in a crash would never be sent.
 */
class RowlessPageTest {
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aMessageNotYetRipeHoldsBackTheOthersOfItsInstant() {
        // m3 and m4 were accepted in the same millisecond; m4's endpoint has a longer timeout
        List<RowlessSweep.Named> read = List.of(at("m1", 0), at("m2", 1), at("m3", 2), at("m4", 2), at("m5", 3));

        RowlessSweep.Page page = RowlessSweep.lookAt(read, 500, m -> !Set.of("m4", "m5").contains(m.msgId()));

        assertEquals(List.of("m1", "m2"), ids(page));
        assertEquals(false, page.more());
    }

    @Test
    void theFirstMessageNotRipeLeavesThePageEmpty() {
        RowlessSweep.Page page = RowlessSweep.lookAt(List.of(at("m1", 0), at("m2", 0)), 500, m -> !m.msgId().equals("m1"));

        assertEquals(List.of(), ids(page));
        assertEquals(false, page.more());
    }

    @Test
    void aFullPageEndsBeforeTheInstantItSharesWithTheNextAndGoesOn() {
        List<RowlessSweep.Named> read = List.of(at("m1", 0), at("m2", 1), at("m3", 2), at("m4", 2));

        RowlessSweep.Page page = RowlessSweep.lookAt(read, 3, m -> true);

        assertEquals(List.of("m1", "m2"), ids(page));
        assertEquals(true, page.more());
    }

    @Test
    void everythingRipeAndWithinThePageIsTaken() {
        RowlessSweep.Page page = RowlessSweep.lookAt(List.of(at("m1", 0), at("m2", 0), at("m3", 1)), 3, m -> true);

        assertEquals(List.of("m1", "m2", "m3"), ids(page));
        assertEquals(false, page.more());
    }

    @Test
    void aWholePageWithinOneInstantIsTakenAsItIs() {
        List<RowlessSweep.Named> read = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            read.add(at("m" + i, 5));
        }

        RowlessSweep.Page page = RowlessSweep.lookAt(read, 3, m -> true);

        assertEquals(List.of("m0", "m1", "m2"), ids(page));
        assertEquals(true, page.more());
    }

    private static RowlessSweep.Named at(String id, int millis) {
        return new RowlessSweep.Named(id, "app_1", T.plusMillis(millis), List.of());
    }

    private static List<String> ids(RowlessSweep.Page page) {
        return page.messages().stream().map(RowlessSweep.Named::msgId).toList();
    }
}
