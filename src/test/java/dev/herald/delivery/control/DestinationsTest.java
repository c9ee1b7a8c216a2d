package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.Ids;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message row names the deliveries it owes without rows; every writer must derive the same ids from it. */
class DestinationsTest {
    @Test
    void whatIsWrittenIsReadBackWithItsUrlOverrides() {
        var list = List.of(new Destinations.Destination(0, "ep_a", null),
                new Destinations.Destination(3, "ep_b", "https://hooks.example.com/i/42?x=1&y=%20"));
        assertEquals(list, Destinations.parse(Destinations.format(list)));
    }

    @Test
    void noDestinationsIsNoText() {
        assertNull(Destinations.format(List.of()));
        assertTrue(Destinations.parse(null).isEmpty());
    }

    @Test
    void deliveryIdsAreDerivedFromTheMessageFitTheColumnAndSortByMessage() {
        String first = Ids.next("msg");
        String second = Ids.next("msg");
        String a = Destinations.deliveryId(first, 0);
        assertEquals(a, Destinations.deliveryId(first, 0));
        assertTrue(a.startsWith("dlv_") && a.length() <= 40, a);
        assertTrue(Destinations.deliveryId(first, 999).length() <= 40);
        assertTrue(!a.equals(Destinations.deliveryId(first, 1)));
        // ordered endpoints take their rows in id order: a later message's deliveries sort after
        assertTrue(Destinations.deliveryId(first, 12).compareTo(Destinations.deliveryId(second, 0)) < 0);
    }
}
