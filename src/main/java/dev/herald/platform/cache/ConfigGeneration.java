package dev.herald.platform.cache;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A counter that moves whenever configuration (an application, an endpoint) changes on this
 * instance, so in-memory views of it can tell they are stale without asking the database. It
 * moves when the change is flushed and again when its transaction ends: a view loaded between
 * the flush and the commit read the old rows, and the second move discards it.
 *
 * <p>As a JPA entity listener it sees changes made through entities; code that changes these
 * rows with bulk updates calls {@link #bump()} itself. Other instances' changes are seen when a
 * view's time to live runs out (see {@link #TTL_MILLIS}).
 */
public final class ConfigGeneration {
    /** How long a view may be used without looking at the database: the lag of another instance's change. */
    public static final long TTL_MILLIS = 1000;

    private static final AtomicLong GENERATION = new AtomicLong();

    public static long current() {
        return GENERATION.get();
    }

    /** Marks every view stale now and again when the current transaction, if any, completes. */
    public static void bump() {
        GENERATION.incrementAndGet();
        try {
            var registry = (TransactionSynchronizationRegistry) new InitialContext()
                    .lookup("java:comp/TransactionSynchronizationRegistry");
            if (registry.getTransactionStatus() == Status.STATUS_ACTIVE) {
                registry.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        GENERATION.incrementAndGet();
                    }
                });
            }
        } catch (NamingException | IllegalStateException | ClassCastException outsideAContainer) {
            // no transaction to wait for (unit tests, or no JTA): the first move is all there is
        }
    }

    /** The entity listener: any persisted, updated or removed row of a listened entity. */
    public static final class Listener {
        @PostPersist
        @PostUpdate
        @PostRemove
        void changed(Object entity) {
            bump();
        }
    }

    private ConfigGeneration() {
    }
}
