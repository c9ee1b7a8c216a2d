package dev.herald.capture.relay;

import dev.herald.capture.outbox.PendingEvents;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Posts the outbox to Herald, oldest row first, on one thread of the application's
 * {@link ManagedThreadFactory} (so it has the application's context: CDI, JPA, transactions).
 * A commit that wrote rows wakes it; otherwise it looks every {@code interval}. While Herald is
 * unreachable it waits, doubling the pause up to {@code max-backoff}, and the rows wait in the
 * application's database: a commit is never lost, whatever Herald does. A row is deleted only
 * after Herald answered for it, so a crash in between posts it again, and Herald's 409 for its
 * {@code eventId} says it is already there: never two messages for one event.
 */
@ApplicationScoped
public class Relay {
    private static final Logger LOG = Logger.getLogger(Relay.class.getName());

    enum Round { DRAINED, MORE, UNREACHABLE }

    @Inject
    PendingEvents pending;

    @Inject
    HeraldClient herald;

    @Inject
    CatalogRegistration catalog;

    @Inject
    RelaySettings settings;

    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile boolean catalogDone;
    private volatile boolean warnedUnconfigured;
    /** Herald did not answer the last post: said once when it starts and once when it ends. */
    private boolean outage;

    /** Tenants whose events were dropped for want of an application in Herald, said once each. */
    private final java.util.Set<String> tenantsWithoutApplication = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Thread thread;
    private ClassLoader application;

    synchronized void start(ClassLoader application) {
        if (running) {
            return;
        }
        this.application = application;
        running = true;
        thread = dev.herald.capture.StandardResources.threads().newThread(this::loop);
        thread.setName("herald-capture-relay");
        thread.start();
    }

    /** Something was committed to the outbox: look now rather than at the next interval. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        wake();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        long pause = 0;
        while (running) {
            Round round;
            try {
                round = round();
            } catch (RuntimeException e) {
                // the database, not Herald: same patience
                LOG.log(Level.WARNING, "The outbox relay failed a round; trying again", e);
                round = Round.UNREACHABLE;
            }
            switch (round) {
                case UNREACHABLE -> {
                    pause = Math.min(settings.maxBackoff().toMillis(), Math.max(250, pause * 2));
                    sleep(pause);
                }
                case MORE -> pause = 0;
                case DRAINED -> {
                    pause = 0;
                    await(settings.interval().toMillis());
                }
            }
        }
    }

    Round round() {
        if (settings.heraldUrl().isEmpty()) {
            if (!warnedUnconfigured) {
                warnedUnconfigured = true;
                LOG.warning("herald.url is not configured: webhook events stay in herald_outbox until it is");
            }
            return Round.DRAINED;
        }
        if (!catalogDone) {
            if (!catalog.register(application)) {
                return Round.UNREACHABLE;
            }
            catalogDone = true;
        }
        int batch = settings.batch();
        List<PendingEvents.Event> events = pending.oldest(batch);
        for (PendingEvents.Event event : events) {
            HeraldClient.Answer answer = herald.post(event);
            switch (answer.verdict()) {
                case DELIVERED -> pending.done(event.seq());
                case ALREADY_THERE -> {
                    LOG.info("Herald already had event " + event.eventId() + " (" + event.eventType()
                            + "): posted before a restart or by another instance; not sent again");
                    pending.done(event.seq());
                }
                case NO_APPLICATION -> {
                    // Dropped by design (a tenant with no application), but said once per tenant
                    // where an operator sees it: an event dropped for an application that should
                    // be there is otherwise lost without a trace.
                    if (tenantsWithoutApplication.size() < 10_000 && tenantsWithoutApplication.add(event.application())) {
                        LOG.info("No application " + event.application() + " in Herald: its events are not sent ("
                                + event.eventType() + " " + event.eventId() + " dropped; later ones are logged at FINE)");
                    } else {
                        LOG.fine(() -> "No application " + event.application() + " in Herald: " + event.eventType()
                                + " " + event.eventId() + " not sent");
                    }
                    pending.done(event.seq());
                }
                case REFUSED -> {
                    LOG.severe("Herald refused event " + event.eventId() + " (" + event.eventType() + " for "
                            + event.application() + "): " + answer.detail() + "; kept in herald_outbox, not retried");
                    pending.refused(event.seq(), answer.detail());
                }
                case UNAVAILABLE -> {
                    // Said once per outage where an operator (and a failed test) sees it: the relay
                    // then waits up to the backoff between tries, and events wait in the outbox.
                    if (!outage) {
                        outage = true;
                        LOG.info("Herald unavailable (" + answer.detail() + "): events wait in herald_outbox, tried "
                                + "again with a backoff of up to " + settings.maxBackoff().toMillis() + " ms");
                    } else {
                        LOG.fine(() -> "Herald unavailable: " + answer.detail());
                    }
                    pending.notYet(event.seq(), answer.detail());
                    return Round.UNREACHABLE;
                }
            }
            if (outage) { // an answer other than UNAVAILABLE (that one returned above)
                outage = false;
                LOG.info("Herald answers again: the outbox drains");
            }
            if (!running) {
                return Round.DRAINED;
            }
        }
        return events.size() == batch ? Round.MORE : Round.DRAINED;
    }

    private void await(long millis) {
        synchronized (signal) {
            try {
                if (!woken) {
                    signal.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            woken = false;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
