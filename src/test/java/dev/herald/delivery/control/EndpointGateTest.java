package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.concurrent.AppThreads;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tickets for an endpoint at its concurrency wait in memory, up to a bound per endpoint and one
 * for all endpoints together; beyond either they go back to the broker with a delay, so hanging
 * endpoints cannot fill the heap.
 */
class EndpointGateTest {
    private final List<DeliveryQueue.Ticket> overflowed = new CopyOnWriteArrayList<>();
    private final List<String> attempted = new CopyOnWriteArrayList<>();
    private final CountDownLatch hang = new CountDownLatch(1);
    private EndpointGate gate;

    @BeforeEach
    void gate() {
        gate = new EndpointGate();
        gate.settings = new DeliverySettings();
        gate.settings.setEndpointConcurrency(1);
        gate.queue = new DeliveryQueue() {
            @Override
            public void enqueue(Collection<Ticket> tickets) {
                overflowed.addAll(tickets);
            }
        };
        gate.threads = new AppThreads() {
            @Override
            public Thread newThread(Runnable task) {
                return new Thread(task);
            }
        };
        gate.maxParked = 100;
        gate.maxParkedInAll = 3;
        gate.start();
    }

    @AfterEach
    void stop() {
        hang.countDown();
        gate.stop();
    }

    @Test
    void beyondTheBoundForAllEndpointsTicketsThatWouldWaitGoBackToTheBroker() throws InterruptedException {
        run("e1", "d1", "d2", "d3"); // d1 hangs, d2 and d3 wait
        run("e2", "d4", "d5"); // d4 hangs, d5 waits: three wait in all
        run("e3", "d6", "d7"); // e3 has room: d6 is sent at once; d7 would wait, beyond the bound

        assertEquals(List.of("d7"), overflowed.stream().map(DeliveryQueue.Ticket::deliveryId).toList());
        assertTrue(overflowed.get(0).delayMillis() > 0, "sent back with a delay");
        assertEquals(3, gate.parked());

        hang.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (attempted.size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("d1", "d2", "d3", "d4", "d5", "d6"), attempted.stream().sorted().toList());
        assertEquals(0, gate.parked());
    }

    private void run(String endpoint, String... deliveries) throws InterruptedException {
        for (String d : deliveries) {
            gate.run(new DeliveryQueue.Ticket(d, endpoint, 1, 0), t -> {
                attempted.add(t.deliveryId());
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Thread.sleep(100); // the first of each endpoint has started on a delivery thread
    }
}
