package dev.herald.delivery.control;

import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Times;
import dev.herald.platform.HeraldResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Rebuilds queue tickets from delivery rows: the database is the truth and the queue only a
 * schedule, so anything owed can be queued again. Duplicated tickets are harmless, because the
 * ledger drops a ticket whose attempt number the row has already passed.
 */
@ApplicationScoped
public class Requeuer {
    static final List<DeliveryStatus> OWED = List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED_WILL_RETRY,
            DeliveryStatus.SENDING);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliverySettings settings;

    /** Where whether only this process can open the database is decided (H2's locked file). */
    @Inject
    RowlessSweep rowlessSweep;

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
        Instant stale = now.minus(settings.inFlightLimit(null));
        List<OverdueRows.Overdue> rows = em.unwrap(org.hibernate.Session.class)
                .doReturningWork(c -> OverdueRows.select(c, overdue, stale, now, max));
        return queueMarked(rows.stream().filter(d -> !heldHere.contains(d.id()))
                .map(d -> ticket(d.id(), d.endpointId(), d.attempts(), d.nextAttemptAt(), now)).toList(), now);
    }

    /**
     * At the first sweep after a start on a database that only this process can open (H2's
     * file, locked while open): deliveries still marked as being sent by the run before were
     * being sent by a process that is gone, so they wait again and that sweep queues them,
     * instead of after their mark runs out. A shared database (PostgreSQL) may have another
     * instance sending them right now: there the marks run out by themselves.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int releaseMarksOfPreviousRun(Instant startedAt) {
        if (!rowlessSweep.exclusiveDatabase()) {
            return 0;
        }
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> DeliveryRows.releaseMarks(c, startedAt));
    }

    static final int PAGE = 1000;

    @Inject
    Requeuer self;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource(lookup = HeraldResources.DELIVERY_EXECUTOR)
    ManagedExecutorService executor;

    @Resource
    ContextService contexts;

    /**
     * Queues everything owed to one endpoint, or to all when {@code endpointId} is null (resume,
     * re-enable). The caller's change (the endpoint resumed) must be visible first, so the work
     * starts once the caller's transaction has committed, and goes page by page, each page its
     * own transaction: a backlog of 100,000 is neither held in memory nor in one broker
     * transaction. Answers how many are owed.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public int requeueOwed(String endpointId) {
        var count = em.createQuery("select count(d) from Delivery d join d.endpoint e where "
                + "e.paused = false and e.disabled = false and d.status in :owed"
                + (endpointId == null ? "" : " and e.id = :endpoint"), Long.class)
                .setParameter("owed", OWED);
        if (endpointId != null) {
            count.setParameter("endpoint", endpointId);
        }
        long owed = count.getSingleResult();
        if (owed > 0) {
            afterCommit(() -> {
                String after = "";
                List<String> page;
                do {
                    page = self.requeueOwedPage(endpointId, after);
                    after = page.isEmpty() ? after : page.get(page.size() - 1);
                } while (page.size() == PAGE);
            });
        }
        return (int) Math.min(Integer.MAX_VALUE, owed);
    }

    /** One page of {@link #requeueOwed}, in id order after {@code after}; answers the ids queued. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> requeueOwedPage(String endpointId, String after) {
        Instant now = Times.now();
        var query = em.createQuery("select d.id, e.id, d.attempts, d.nextAttemptAt from Delivery d join d.endpoint e "
                + "where e.paused = false and e.disabled = false and d.status in :owed and d.id > :after"
                + (endpointId == null ? "" : " and e.id = :endpoint") + " order by d.id", Object[].class)
                .setParameter("owed", OWED).setParameter("after", after).setMaxResults(PAGE);
        if (endpointId != null) {
            query.setParameter("endpoint", endpointId);
        }
        List<DeliveryQueue.Ticket> tickets = query.getResultList().stream()
                .map(row -> ticket((String) row[0], (String) row[1], ((Number) row[2]).intValue(), (Instant) row[3], now))
                .toList();
        queueMarked(tickets, now);
        return tickets.stream().map(DeliveryQueue.Ticket::deliveryId).toList();
    }

    private void afterCommit(Runnable job) {
        // The pages are @Transactional and want the caller's component context. A JMX operation's
        // EJB holds one only until its transaction ends, and afterCompletion runs after that: the
        // executor then had nothing to pass on, and each page logged "No ComponentInvocation
        // present for @Transactional". So the context is taken now, while the caller still has it.
        Runnable inContext = contexts.contextualRunnable(job);
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            executor.execute(inContext);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    executor.execute(inContext);
                }
            }
        });
    }

    /**
     * A fresh retry chain for every exhausted delivery (of one endpoint, created in a window),
     * page by page, each page committed on its own; answers how many.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public int restartExhausted(String endpointId, Instant since, Instant until) {
        int total = 0;
        String after = "";
        List<String> page;
        do {
            page = self.restartExhaustedPage(endpointId, since, until, after);
            total += page.size();
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == PAGE);
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> restartExhaustedPage(String endpointId, Instant since, Instant until, String after) {
        Instant now = Times.now();
        StringBuilder jpql = new StringBuilder("select d from Delivery d where d.status = :exhausted and d.id > :after");
        if (endpointId != null) {
            jpql.append(" and d.endpoint.id = :endpoint");
        }
        if (since != null) {
            jpql.append(" and d.createdAt >= :since");
        }
        if (until != null) {
            jpql.append(" and d.createdAt < :until");
        }
        var query = em.createQuery(jpql.append(" order by d.id").toString(), Delivery.class)
                .setParameter("exhausted", DeliveryStatus.EXHAUSTED).setParameter("after", after).setMaxResults(PAGE);
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
        queueAll(rows, now);
        return rows.stream().map(Delivery::getId).toList();
    }

    /** The ticket for a row's next attempt, due when the row says (at once if it is past). */
    private static DeliveryQueue.Ticket ticket(String id, String endpointId, int attempts, Instant next, Instant now) {
        long delay = next == null ? 0 : Math.max(0, Duration.between(now, next).toMillis());
        return new DeliveryQueue.Ticket(id, endpointId, attempts + 1, delay);
    }

    /**
     * Queues the tickets and marks their rows queued now, by a bulk update rather than through the
     * versioned entity: an attempt finishing meanwhile must not conflict. Answers how many.
     */
    private int queueMarked(List<DeliveryQueue.Ticket> tickets, Instant now) {
        List<String> ids = tickets.stream().map(DeliveryQueue.Ticket::deliveryId).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            em.createQuery("update Delivery d set d.lastQueuedAt = :now where d.id in :ids")
                    .setParameter("now", now).setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .executeUpdate();
        }
        queue.enqueue(tickets);
        return tickets.size();
    }

    /** Entities changed in this transaction (a restarted chain) are written before their rows are marked. */
    private int queueAll(List<Delivery> rows, Instant now) {
        em.flush();
        return queueMarked(rows.stream()
                .map(d -> ticket(d.getId(), d.getEndpoint().getId(), d.getAttempts(), d.getNextAttemptAt(), now)).toList(), now);
    }
}
