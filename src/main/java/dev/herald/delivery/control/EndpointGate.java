package dev.herald.delivery.control;

import dev.herald.platform.concurrent.AppThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds how many attempts to one endpoint run at once on this instance, so a slow or hanging
 * receiver holds at most that many threads and the other endpoints keep flowing.
 *
 * <p>Attempts run on Herald's executor, never on the listener's threads, so a hanging receiver
 * holds at most its endpoint's share of executor threads and no listener session. A ticket that
 * finds its endpoint at the limit is parked in memory, in arrival order, and started as soon as
 * one of that endpoint's attempts ends. A second ticket for an attempt already waiting or
 * running here is dropped. Parking costs nothing on disk: sending the ticket back through the
 * broker's scheduler instead (an earlier design) turned every busy moment into a storm of
 * persistent writes. A parked ticket lost with its instance is found again by the sweeper,
 * since its delivery row is still owed. Beyond {@link #MAX_PARKED} per endpoint, or
 * {@link #MAX_PARKED_IN_ALL} for all endpoints together, tickets go back to the broker with a
 * delay.
 */
@ApplicationScoped
public class EndpointGate {
    private static final Logger LOG = Logger.getLogger(EndpointGate.class.getName());
    static final int MAX_PARKED = 10_000;
    /**
     * All endpoints together: a parked ticket and its entry in {@link #held} take some 400 bytes,
     * so the per-endpoint bound alone let a hundred hanging endpoints of one busy customer park a
     * million tickets, more than a 512 MB heap holds. 100,000 is some 40 MB.
     */
    static final int MAX_PARKED_IN_ALL = 100_000;
    static final long OVERFLOW_DELAY_MILLIS = 2_000;
    /** Attempts running at once on this instance, all endpoints together. */
    static final int MAX_THREADS = 64;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryQueue queue;

    @Inject
    AppThreads threads;

    /**
     * Plain threads from the container's thread factory (AppThreads): the application's context is set up
     * once per thread, not saved and restored for every task as a ManagedExecutorService does
     * (which scanned the WAR's jars for every attempt, a quarter of a delivery thread's time).
     */
    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = threads.newThread(r);
                    t.setName("herald-delivery-" + t.getId());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The bounds, as fields so that a test can make them small. */
    int maxParked = MAX_PARKED;
    int maxParkedInAll = MAX_PARKED_IN_ALL;
    private final AtomicInteger parkedInAll = new AtomicInteger();
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();

    /** One endpoint's running count and parked tickets. */
    private static final class Lane {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger parkedCount = new AtomicInteger();
        final Queue<DeliveryQueue.Ticket> parked = new ConcurrentLinkedQueue<>();

        boolean tryEnter(int limit) {
            while (true) {
                int now = running.get();
                if (now >= limit) {
                    return false;
                }
                if (running.compareAndSet(now, now + 1)) {
                    return true;
                }
            }
        }
    }

    /**
     * Runs {@code attempt} for the ticket now on the calling thread if its endpoint has room,
     * else parks it to run later on the executor.
     */
    public void run(DeliveryQueue.Ticket ticket, Consumer<DeliveryQueue.Ticket> attempt) {
        if (!held.add(key(ticket))) {
            return; // this attempt is already waiting or running here: a duplicate ticket
        }
        Lane lane = lanes.computeIfAbsent(ticket.endpointId(), id -> new Lane());
        boolean laneFull = lane.parkedCount.incrementAndGet() > maxParked;
        // all endpoints' parked tickets together count only for a ticket that would wait: an
        // endpoint with room still sends at once while others' tickets fill the memory
        boolean allFull = parkedInAll.incrementAndGet() > maxParkedInAll
                && lane.running.get() >= settings.endpointConcurrency();
        if (laneFull || allFull) {
            lane.parkedCount.decrementAndGet();
            parkedInAll.decrementAndGet();
            held.remove(key(ticket));
            queue.enqueue(List.of(ticket.later(OVERFLOW_DELAY_MILLIS)));
            return;
        }
        lane.parked.add(ticket);
        startParked(lane, attempt);
    }

    /** Deliveries waiting or running on this instance: the sweeper must not queue them again. */
    public java.util.Set<String> held() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String k : held) {
            ids.add(k.substring(0, k.lastIndexOf(':')));
        }
        return ids;
    }

    /** A ticket's identity: one attempt of one delivery. */
    private static String key(DeliveryQueue.Ticket ticket) {
        return ticket.deliveryId() + ":" + ticket.attempt();
    }

    private void startParked(Lane lane, Consumer<DeliveryQueue.Ticket> attempt) {
        while (!lane.parked.isEmpty() && lane.tryEnter(settings.endpointConcurrency())) {
            DeliveryQueue.Ticket next = lane.parked.poll();
            if (next == null) {
                lane.running.decrementAndGet();
                continue;
            }
            lane.parkedCount.decrementAndGet();
            parkedInAll.decrementAndGet();
            try {
                executor.execute(() -> {
                    try {
                        attempt.accept(next);
                    } catch (RuntimeException e) {
                        // the delivery row is still owed: the sweeper will queue it again
                        LOG.log(Level.WARNING, "Attempt of delivery " + next.deliveryId() + " failed", e);
                    } finally {
                        held.remove(key(next));
                        lane.running.decrementAndGet();
                        startParked(lane, attempt);
                    }
                });
            } catch (RuntimeException rejected) {
                held.remove(key(next));
                lane.running.decrementAndGet();
                queue.enqueue(List.of(next.later(OVERFLOW_DELAY_MILLIS)));
            }
        }
    }


    /** Tickets waiting in memory for their endpoint, all endpoints together. */
    public int parked() {
        return parkedInAll.get();
    }

}
