package dev.herald.delivery.boundary;

import dev.herald.delivery.control.DeliveryPause;
import dev.herald.delivery.control.DeliverySettings;
import dev.herald.delivery.control.Requeuer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-queues deliveries whose queue ticket was lost (a rolled-back send, a broker store lost with
 * its disk): a lost ticket delays a delivery but never loses it. A non-persistent interval timer:
 * on Payara Micro persistent timers do not survive a restart anyway, and a sweep is idempotent.
 */
@Singleton
@Startup
public class Sweeper {
    private static final Logger LOG = Logger.getLogger(Sweeper.class.getName());
    static final int BATCH = 1000;

    @Resource
    TimerService timers;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryPause pause;

    @Inject
    Requeuer requeuer;

    @Inject
    dev.herald.delivery.control.RowlessSweep rowless;

    @Inject
    dev.herald.delivery.control.EndpointGate gate;

    /** Until the first sweep, anything queued before this instance started counts as lost. */
    private java.time.Instant startedAt;

    @PostConstruct
    void schedule() {
        startedAt = dev.herald.platform.Times.now();
        long every = settings.sweeperInterval().toMillis();
        // The first sweep comes soon after start: tickets that were waiting in memory when the
        // last instance died are gone from the broker too, and need not wait out the grace period.
        timers.createIntervalTimer(Math.min(every, 10_000), every, new TimerConfig("herald-sweeper", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        if (pause.isPaused()) {
            return;
        }
        try {
            java.time.Instant queuedBefore = startedAt;
            startedAt = null;
            if (queuedBefore != null) {
                int released = requeuer.releaseMarksOfPreviousRun(queuedBefore);
                if (released > 0) {
                    LOG.info(released + " deliveries were being sent when the last run ended; they are queued again");
                }
            }
            // deliveries owed without a row first: the rows it writes are queued by it, not below
            var swept = rowless.sweep(queuedBefore != null && rowless.exclusiveDatabase() ? queuedBefore : null);
            if (swept.pending() + swept.succeeded() > 0) {
                LOG.info("Sweeper wrote the rows of " + swept.pending() + " deliveries owed without one (queued again) and "
                        + swept.succeeded() + " that had succeeded");
            }
            int queued = requeuer.requeueOverdue(BATCH, gate.held(), queuedBefore);
            if (queued > 0) {
                LOG.info("Sweeper queued " + queued + " overdue deliveries again");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sweep failed; the next one will try again", e);
        }
    }
}
