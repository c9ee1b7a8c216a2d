package dev.herald.ops.boundary;

import dev.herald.delivery.control.Requeuer;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.subscription.entity.Endpoint;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The transactional side of the operator's JMX controls. An EJB, so calls that arrive on JMX
 * threads (outside any request) still get a transaction and a persistence context.
 */
@Stateless
public class DeliveryOperator {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Requeuer requeuer;

    public long deadLetterCount() {
        return em.createQuery("select count(d) from Delivery d where d.status = :s", Long.class)
                .setParameter("s", DeliveryStatus.EXHAUSTED).getSingleResult();
    }

    /** Answers false when there is no such endpoint. */
    public boolean setEndpointPaused(String endpointId, boolean paused) {
        Endpoint endpoint = em.find(Endpoint.class, endpointId);
        if (endpoint == null) {
            return false;
        }
        boolean changed = endpoint.isPaused() != paused;
        endpoint.setPaused(paused);
        em.flush();
        if (changed && !paused) {
            requeuer.requeueOwed(endpointId);
        }
        return true;
    }

    public int requeueAllOwed() {
        return requeuer.requeueOwed(null);
    }

    public int replayDeadLetters() {
        return requeuer.restartExhausted(null, null, null);
    }

    @Inject
    dev.herald.delivery.control.DeliveryLedger ledger;

    @Inject
    dev.herald.delivery.control.OrderedLanes lanes;

    /** The head of an endpoint's line in words, or "" when it owes nothing. */
    public String orderedHead(String endpointId) {
        var head = ledger.head(endpointId);
        return head == null ? "" : head.msgId() + " (" + head.status().toLowerCase() + ", " + head.attempts()
                + " attempts, next " + head.nextAttemptAt() + "), " + (head.owed() - 1) + " waiting behind it";
    }

    /** Skips the head of an endpoint's line; false when it owes nothing or the head is being sent. */
    public boolean skipOrderedHead(String endpointId) {
        var head = ledger.head(endpointId);
        if (head == null || !ledger.skip(head.deliveryId())) {
            return false;
        }
        lanes.wake(endpointId);
        return true;
    }
}
