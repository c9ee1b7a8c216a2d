package dev.herald.retention;

import dev.herald.platform.lease.Leases;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the retention purge once a day, at a quiet hour (server time). A non-persistent timer, as
 * for the sweeper: on Payara Micro persistent timers live in memory and are lost on restart
 * anyway, and a purge is idempotent, so a missed day is made up by the next. Every instance has
 * the timer; the first to take the day's lease ({@link Leases}, held for {@link #LEASE}) purges,
 * and the others, whose timers fire within moments of it, leave it to that one. A second purge
 * would only find less to delete, but two at once would fight over the same rows' locks.
 */
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionTimer {
    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

    @Resource
    TimerService timers;

    /** Longer than the instances' clocks and timers can disagree, shorter than a day. */
    static final Duration LEASE = Duration.ofHours(1);
    static final String JOB = "retention";

    @EJB
    Purger purger;

    @Inject
    Leases leases;

    @Schedule(hour = "3", minute = "17", persistent = false, info = "herald-retention")
    void daily() {
        try {
            if (!leases.acquire(JOB, LEASE)) {
                LOG.info("Retention purge left to the instance holding its lease: " + leases.describe(JOB));
                return;
            }
            purger.purge();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention purge failed; tomorrow's run will try again", e);
        }
    }

    /** When the daily purge runs next on this instance, or null if its timer is missing. */
    public Instant nextRun() {
        return timers.getTimers().stream().filter(t -> "herald-retention".equals(t.getInfo()))
                .map(Timer::getNextTimeout).map(java.util.Date::toInstant).findFirst().orElse(null);
    }
}
