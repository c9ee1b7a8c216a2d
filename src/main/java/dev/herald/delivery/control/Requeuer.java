package dev.herald.delivery.control;

import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds queue tickets from delivery rows: the database is the truth and the queue only a
 * schedule, so anything owed can be queued again. Duplicated tickets are harmless, because the
 * ledger drops a ticket whose attempt number the row has already passed.
 */
@ApplicationScoped
public class Requeuer {
    /** JPA's lock timeout hint; Hibernate reads -2 as SKIP LOCKED where the dialect has it. */
    static final String LOCK_TIMEOUT_HINT = "jakarta.persistence.lock.timeout";
    static final int SKIP_LOCKED = -2;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliverySettings settings;

    /**
     * Queues deliveries that are owed but seem to have lost their ticket: due for longer than the
     * grace period and not queued for as long, or "sending" for longer than any attempt can take.
     *
     * <p>Every instance sweeps. The rows are locked as they are read, skipping rows another
     * instance's sweep holds ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL; H2, one instance
     * only, waits instead), and their {@code lastQueuedAt} is moved to now before the locks go:
     * two sweeps at once split the overdue rows instead of both queuing each. A delivery parked
     * in another instance's memory (not in {@code heldHere}) looks overdue once it has waited
     * longer than the grace period; queuing it again is harmless, because the ledger lets only
     * one ticket per attempt number through ({@link DeliveryLedger#begin}).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public int requeueOverdue(int max, java.util.Set<String> heldHere, Instant queuedBefore) {
        Instant now = Times.now();
        Instant overdue = queuedBefore != null ? queuedBefore : now.minus(settings.sweeperGrace());
        // The endpoint's flags in a subquery rather than a join, so only delivery rows are locked.
        List<Delivery> rows = em.createQuery("select d from Delivery d where "
                + "d.endpoint.id in (select e.id from Endpoint e where e.paused = false and e.disabled = false) and ("
                + "(d.status in :waiting and d.nextAttemptAt < :overdue and d.lastQueuedAt < :overdue)"
                + " or (d.status = :sending and d.lastQueuedAt < :stale and (d.sendingUntil < :now"
                + " or (d.sendingUntil is null and d.sendingSince < :stale))))"
                + " order by d.nextAttemptAt", Delivery.class)
                .setParameter("waiting", List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED_WILL_RETRY))
                .setParameter("sending", DeliveryStatus.SENDING)
                .setParameter("overdue", overdue)
                .setParameter("now", now)
                .setParameter("stale", now.minus(settings.inFlightLimit(null)))
                .setMaxResults(max)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(LOCK_TIMEOUT_HINT, SKIP_LOCKED)
                .getResultList();
        return queueAll(rows.stream().filter(d -> !heldHere.contains(d.getId())).toList(), now);
    }

    /** Queues everything owed to one endpoint, or to all when {@code endpointId} is null (resume). */
    @Transactional(Transactional.TxType.REQUIRED)
    public int requeueOwed(String endpointId) {
        Instant now = Times.now();
        var query = em.createQuery("select d from Delivery d join d.endpoint e where "
                + "e.paused = false and e.disabled = false and d.status in :owed"
                + (endpointId == null ? "" : " and e.id = :endpoint"), Delivery.class)
                .setParameter("owed", List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED_WILL_RETRY,
                        DeliveryStatus.SENDING));
        if (endpointId != null) {
            query.setParameter("endpoint", endpointId);
        }
        return queueAll(query.getResultList(), now);
    }

    /**
     * Starts a fresh retry chain for exhausted deliveries (an endpoint's created between
     * {@code since} and {@code until}, or all when those are null), as a resend does for one.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public int restartExhausted(String endpointId, Instant since, Instant until) {
        Instant now = Times.now();
        StringBuilder jpql = new StringBuilder("select d from Delivery d where d.status = :exhausted");
        if (endpointId != null) {
            jpql.append(" and d.endpoint.id = :endpoint");
        }
        if (since != null) {
            jpql.append(" and d.createdAt >= :since");
        }
        if (until != null) {
            jpql.append(" and d.createdAt < :until");
        }
        var query = em.createQuery(jpql.toString(), Delivery.class).setParameter("exhausted", DeliveryStatus.EXHAUSTED);
        if (endpointId != null) {
            query.setParameter("endpoint", endpointId);
        }
        if (since != null) {
            query.setParameter("since", since);
        }
        if (until != null) {
            query.setParameter("until", until);
        }
        List<Delivery> rows = query.getResultList();
        for (Delivery d : rows) {
            d.restartChain(now);
        }
        return queueAll(rows, now);
    }

    private int queueAll(List<Delivery> rows, Instant now) {
        List<DeliveryQueue.Ticket> tickets = new ArrayList<>(rows.size());
        List<String> ids = new ArrayList<>(rows.size());
        for (Delivery d : rows) {
            long delay = d.getNextAttemptAt() == null ? 0 : Math.max(0, Duration.between(now, d.getNextAttemptAt()).toMillis());
            tickets.add(new DeliveryQueue.Ticket(d.getId(), d.getEndpoint().getId(), d.getAttempts() + 1, delay));
            ids.add(d.getId());
        }
        em.flush();
        // A bulk update, not the versioned entity: an attempt finishing meanwhile must not conflict.
        for (int from = 0; from < ids.size(); from += 500) {
            em.createQuery("update Delivery d set d.lastQueuedAt = :now where d.id in :ids")
                    .setParameter("now", now).setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .executeUpdate();
        }
        queue.enqueue(tickets);
        return tickets.size();
    }
}
