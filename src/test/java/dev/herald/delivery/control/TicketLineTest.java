package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Tickets travel as lines of text, many to a queue message: what goes in must come out. */
class TicketLineTest {
    private static DeliveryQueue.Ticket roundTrip(DeliveryQueue.Ticket t) {
        return DeliveryQueue.Ticket.parse(t.line());
    }

    @Test
    void aTicketWithoutHintKeepsItsIdsAndAttempt() {
        var t = new DeliveryQueue.Ticket("dlv_1", "ep_1", 3, 0);
        assertEquals(t, roundTrip(t));
        assertNull(roundTrip(t).hint());
    }

    @Test
    void aHintKeepsTheMessageChainPositionFlagsAndTheUrlOverride() {
        var hint = new DeliveryQueue.Hint("msg_1", 2, true, "https://hooks.example.com/i/42?x=1&y=%20", true);
        var t = new DeliveryQueue.Ticket("dlv_2", "ep_2", 1, 0, hint);
        assertEquals(t, roundTrip(t));
        var plain = new DeliveryQueue.Ticket("dlv_3", "ep_3", 1, 0, new DeliveryQueue.Hint("msg_3", 1, false, null));
        assertEquals(plain, roundTrip(plain));
    }
}
