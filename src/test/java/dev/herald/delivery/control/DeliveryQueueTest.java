package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {
    /** A JMS provider in miniature: counts what is opened and closed, keeps what is sent, fails on demand. */
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<String> sent = new ArrayList<>();
    private final AtomicBoolean failNextSend = new AtomicBoolean();

    private final DeliveryQueue queue = new DeliveryQueue();

    DeliveryQueueTest() {
        queue.connectionFactory = proxy(ConnectionFactory.class, (m, args) -> switch (m) {
            case "createConnection" -> connection();
            default -> throw new UnsupportedOperationException(m);
        });
        queue.queue = proxy(Queue.class, (m, args) -> null);
    }

    @Test
    void withoutKeepingEachEnqueueOpensAndClosesItsOwn() {
        queue.enqueue(List.of(ticket("d1")));
        queue.enqueue(List.of(ticket("d2")));
        assertEquals(2, connections.get());
        assertEquals(2, closed.get());
        assertEquals(2, sent.size());
    }

    @Test
    void aThreadThatKeepsAProducerOpensItOnceAndGivesItBack() {
        queue.keepProducer();
        try {
            queue.enqueue(List.of(ticket("d1")));
            queue.enqueue(List.of(ticket("d2"), ticket("d3")));
            assertEquals(1, connections.get());
            assertEquals(0, closed.get());
            assertEquals(2, sent.size(), "two enqueues, two JMS messages");
            assertEquals(List.of("d2", "d3"), sent.get(1).lines().map(l -> l.split(" ")[0]).toList(),
                    "the second message carries both of its tickets");
        } finally {
            queue.releaseProducer();
        }
        assertEquals(1, closed.get());
        queue.enqueue(List.of(ticket("d4")));
        assertEquals(2, connections.get(), "after release the thread opens its own again");
    }

    @Test
    void aFailedSendDropsTheKeptProducerAndTheNextEnqueueOpensAFreshOne() {
        queue.keepProducer();
        try {
            queue.enqueue(List.of(ticket("d1")));
            failNextSend.set(true);
            assertThrows(IllegalStateException.class, () -> queue.enqueue(List.of(ticket("d2"))));
            assertEquals(1, closed.get(), "the failed one is closed");
            queue.enqueue(List.of(ticket("d3")));
            assertEquals(2, connections.get());
            assertEquals(2, sent.size());
        } finally {
            queue.releaseProducer();
        }
    }

    @Test
    void otherThreadsDoNotShareAKeptProducer() throws Exception {
        queue.keepProducer();
        try {
            queue.enqueue(List.of(ticket("d1")));
            Thread other = new Thread(() -> queue.enqueue(List.of(ticket("d2"))));
            other.start();
            other.join();
            assertEquals(2, connections.get());
            assertEquals(1, closed.get(), "the other thread's own was closed, the kept one not");
        } finally {
            queue.releaseProducer();
        }
    }

    private static DeliveryQueue.Ticket ticket(String deliveryId) {
        return new DeliveryQueue.Ticket(deliveryId, "ep_1", 1, 0, null);
    }

    private Connection connection() {
        connections.incrementAndGet();
        return proxy(Connection.class, (m, args) -> switch (m) {
            case "createSession" -> session();
            case "close" -> {
                closed.incrementAndGet();
                yield null;
            }
            default -> throw new UnsupportedOperationException(m);
        });
    }

    private Session session() {
        return proxy(Session.class, (m, args) -> switch (m) {
            case "createProducer" -> proxy(MessageProducer.class, (pm, pargs) -> {
                if ("send".equals(pm)) {
                    if (failNextSend.getAndSet(false)) {
                        throw new JMSException("the broker went away");
                    }
                    synchronized (sent) {
                        sent.add(((TextMessage) pargs[0]).getText());
                    }
                }
                return null;
            });
            case "createTextMessage" -> text((String) args[0]);
            case "close" -> null;
            default -> throw new UnsupportedOperationException(m);
        });
    }

    private static TextMessage text(String body) {
        return proxy(TextMessage.class, (m, args) -> "getText".equals(m) ? body : null);
    }

    interface Behaviour {
        Object answer(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Behaviour behaviour) {
        return (T) Proxy.newProxyInstance(DeliveryQueueTest.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> behaviour.answer(method.getName(), args);
                });
    }
}
