package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsArePrefixedAndUnique() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.next("msg");
            assertTrue(id.matches("msg_[0-9a-z]{26}"), id);
            assertTrue(seen.add(id));
        }
    }

    @Test
    void idsSortByCreationTimeAsPlainStrings() {
        List<String> ids = new ArrayList<>();
        for (long t = 1_600_000_000_000L; t < 1_600_000_100_000L; t += 997) {
            ids.add(Ids.ulid(t));
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void idsMadeOneAfterAnotherSortInThatOrderEvenWithinOneMillisecond() {
        java.util.List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            made.add(Ids.next("dlv"));
        }
        java.util.List<String> sorted = new java.util.ArrayList<>(made);
        java.util.Collections.sort(sorted);
        org.junit.jupiter.api.Assertions.assertEquals(made, sorted);
        org.junit.jupiter.api.Assertions.assertEquals(made.size(), new java.util.HashSet<>(made).size());
    }
}
