package dev.herald.retention;

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
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the retention purge once a day, at a quiet hour (server time). A non-persistent timer, as
 * for the sweeper: on Payara Micro persistent timers live in memory and are lost on restart
 * anyway, and a purge is idempotent, so a missed day is made up by the next. Every instance has
 * the timer; the purge itself runs only where it takes the cluster-wide lease ({@link Purger}).
 */
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionTimer {
    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

    @Resource
    TimerService timers;

    @EJB
    Purger purger;

    @Schedule(hour = "3", minute = "17", persistent = false, info = "herald-retention")
    void daily() {
        try {
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
