package dev.herald.delivery.control;

import dev.herald.platform.concurrent.AppThreads;
import dev.herald.platform.Times;
import dev.herald.platform.lease.Leases;
import dev.herald.subscription.control.EndpointView;
import dev.herald.subscription.control.EndpointViews;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivery for endpoints whose contract says {@code ordered}: one attempt at a time, oldest
 * owed delivery first, where oldest is the delivery's id (time-ordered, and monotonic within an
 * instance, see {@code Ids}), which is the order messages were accepted. A message waiting for a
 * retry holds back the ones behind it until it succeeds or is exhausted (head-of-line), and an
 * operator can skip it.
 *
 * <p>The database keeps the order, not the broker: the line is read from the delivery rows each
 * time, so a retry scheduled for later, a restart or a second instance cannot reorder it. For
 * such an endpoint a queue ticket only says "this endpoint has work": whichever instance holds
 * the endpoint's lease ({@code ordered:<endpoint>} in {@code herald_lease}) sends its line, on one
 * thread; another instance's ticket finds the lease taken and leaves the work to the holder. The
 * holder looks at the line once more after giving the lease up, so a message that arrived while
 * it was finishing is not left behind. A holder that dies loses the lease when it expires.
 */
@ApplicationScoped
public class OrderedLanes {
    private static final Logger LOG = Logger.getLogger(OrderedLanes.class.getName());
    static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    DeliveryLedger ledger;

    @Inject
    LedgerBatches batches;

    @Inject
    WebhookSender sender;

    @Inject
    Leases leases;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryStats stats;

    @Inject
    DeliveryPause pause;

    @Inject
    EndpointViews views;

    @Inject
    DeliverySettings settings;

    @Inject
    AppThreads threads;

    private ExecutorService executor;

    private static final class Lane {
        final String endpointId;
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean dirty = new AtomicBoolean();

        Lane(String endpointId) {
            this.endpointId = endpointId;
        }
    }

    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = threads.newThread(r);
            t.setName("herald-ordered-" + t.getId());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The endpoint has (or may have) work: send its line, unless that is already under way here. */
    public void wake(String endpointId) {
        Lane lane = lanes.computeIfAbsent(endpointId, Lane::new);
        lane.dirty.set(true);
        if (lane.running.compareAndSet(false, true)) {
            executor.execute(() -> drain(lane));
        }
    }

    private static String job(String endpointId) {
        return "ordered:" + endpointId;
    }

    private void drain(Lane lane) {
        String job = job(lane.endpointId);
        boolean held = false;
        boolean blocked = false;
        try {
            while (lane.dirty.getAndSet(false)) {
                if (!held) {
                    held = take(job, LEASE);
                    if (!held) {
                        // the holder sends this line; if it died, look again once its lease has run out
                        wakeLater(lane.endpointId, LEASE.toMillis() + 1000);
                        return;
                    }
                }
                blocked = sendLine(lane, job);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ordered delivery to " + lane.endpointId + " stopped; the sweeper will wake it", e);
        } finally {
            if (held) {
                release(lane, job, blocked);
            }
            lane.running.set(false);
            if (lane.dirty.get() && lane.running.compareAndSet(false, true)) {
                executor.execute(() -> drain(lane));
            }
        }
    }

    /**
     * Sends the endpoint's line, oldest first, until it is empty or its head must wait. Answers
     * whether the line cannot be sent at all now (delivery or the endpoint paused, the endpoint
     * disabled or no longer ordered): then only resuming, enabling or the contract's change,
     * each of which queues what is owed, wakes it again.
     */
    private boolean sendLine(Lane lane, String job) {
        long renewedAt = System.nanoTime();
        while (true) {
            if (pause.isPaused()) {
                return true;
            }
            EndpointView view = views.byId(lane.endpointId);
            if (view == null || view.paused() || view.disabled() || !view.contract().ordered()) {
                return true;
            }
            DeliveryLedger.Head head = ledger.head(lane.endpointId);
            if (head == null || !due(head, lane.endpointId)) {
                return false;
            }
            Duration needed = settings.inFlightLimit(view.contract().timeoutMs()).plus(LEASE);
            if (System.nanoTime() - renewedAt > TimeUnit.SECONDS.toNanos(10)) {
                if (!take(job, needed)) {
                    return false; // lost (a pause of this process longer than the lease): the new holder goes on
                }
                renewedAt = System.nanoTime();
            }
            DeliveryTask task = batches.claim(new DeliveryQueue.Ticket(head.deliveryId(), lane.endpointId,
                    head.attempts() + 1, 0));
            if (task == null) {
                wakeLater(lane.endpointId, 1000);
                return false;
            }
            stats.started();
            Outcome outcome = sender.send(task);
            DeliveryStats.AttemptOutcome recorded = DeliveryStats.AttemptOutcome.FAILED_WILL_RETRY;
            try {
                recorded = batches.record(task, outcome);
            } finally {
                stats.finished(task.endpointId(), outcome, recorded);
            }
        }
    }

    /** Whether the head can be sent now; when it is being sent elsewhere, looks again once that must have ended. */
    private boolean due(DeliveryLedger.Head head, String endpointId) {
        Instant now = Times.now();
        if ("SENDING".equals(head.status())) {
            if (head.sendingUntil() != null && head.sendingUntil().isAfter(now)) {
                wakeLater(endpointId, Duration.between(now, head.sendingUntil()).toMillis() + 1000);
                return false;
            }
            return true;
        }
        // a retry's own ticket wakes the line when it is due
        return head.nextAttemptAt() == null || !head.nextAttemptAt().isAfter(now);
    }

    private boolean take(String job, Duration ttl) {
        try {
            return leases.acquireNamed(job, ttl);
        } catch (RuntimeException raced) {
            return false; // another instance created the lease row at the same moment
        }
    }

    private void release(Lane lane, String job, boolean blocked) {
        try {
            leases.release(job);
            if (blocked) {
                // Looking again would find the same due head and the same reason not to send it:
                // a paused endpoint with a message waiting spun a thread on the database until resumed.
                return;
            }
            // A message accepted after the last look, whose ticket found the lease still taken here.
            DeliveryLedger.Head after = ledger.head(lane.endpointId);
            if (after != null && (after.nextAttemptAt() == null || !after.nextAttemptAt().isAfter(Times.now()))
                    && !"SENDING".equals(after.status())) {
                lane.dirty.set(true);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not give up the lease " + job + "; it expires by itself", e);
        }
    }

    private void wakeLater(String endpointId, long millis) {
        try {
            queue.enqueue(List.of(new DeliveryQueue.Ticket(WAKE, endpointId, 0, Math.max(1, millis))));
        } catch (RuntimeException e) {
            LOG.warning("Could not schedule a look at ordered endpoint " + endpointId + "; the sweeper will: "
                    + e.getMessage());
        }
    }

    /** The delivery id of a ticket that only wakes an ordered endpoint's line. */
    public static final String WAKE = "wake";
}
