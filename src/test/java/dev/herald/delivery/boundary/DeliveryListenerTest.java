package dev.herald.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.delivery.control.DeliveryQueue;
import dev.herald.delivery.control.Dispatcher;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A queue message carries many tickets. One that cannot be handed on must not fail the message:
 * the broker would deliver it again, and the tickets before it, whose first attempts run on their
 * ticket alone, would be sent twice, at the same time.
 */
class DeliveryListenerTest {
    @Test
    void aTicketThatCannotBeHandedOnLeavesTheOthersAndTheMessageAlone() {
        List<String> handedOn = new ArrayList<>();
        DeliveryListener listener = new DeliveryListener();
        listener.dispatcher = new Dispatcher() {
            @Override
            public void dispatch(DeliveryQueue.Ticket ticket) {
                if (ticket.deliveryId().equals("dlv_2")) {
                    throw new IllegalStateException("the database is away");
                }
                handedOn.add(ticket.deliveryId());
            }
        };

        // as DeliveryQueue writes them: one line per ticket (delivery, endpoint, attempt, message, position, rowless)
        listener.onMessage(tickets("dlv_1 ep_1 1 msg_1 0 2\ndlv_2 ep_1 1 msg_2 0 2\ndlv_3 ep_1 1 msg_3 0 2"));

        assertEquals(List.of("dlv_1", "dlv_3"), handedOn);
    }

    private static TextMessage tickets(String lines) {
        return (TextMessage) Proxy.newProxyInstance(DeliveryListenerTest.class.getClassLoader(),
                new Class<?>[] {TextMessage.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getText" -> lines;
                    case "propertyExists" -> "tickets".equals(args[0]);
                    default -> null;
                });
    }
}
