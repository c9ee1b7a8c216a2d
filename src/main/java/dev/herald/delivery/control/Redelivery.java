package dev.herald.delivery.control;

import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.message.entity.Message;
import dev.herald.platform.Times;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Deliveries asked for again by a person: Svix's resend of one message to one endpoint. */
@ApplicationScoped
public class Redelivery {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryQueue queue;

    /**
     * Starts a fresh retry chain for this message and endpoint (creating the delivery if the
     * message never went there, e.g. the endpoint was added later); its first attempt is logged as
     * manual. During an attempt, the resend waits for that attempt to end.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resend(Message message, Endpoint endpoint) {
        if (endpoint.isDisabled()) {
            throw Problem.conflict("The endpoint is disabled; enable it to deliver to it");
        }
        Instant now = Times.now();
        Delivery d = lockedRow(message, endpoint);
        Destinations.Destination owed = d == null ? OwedRows.owed(message, endpoint.getId()) : null;
        if (owed != null) {
            try {
                owedRows.write(message.getId(), endpoint.getId(), now);
            } catch (RuntimeException writtenMeanwhile) {
                // by the write-behind of the first attempt's success, or another resend: read below
                LOG.log(Level.FINE, "The row of a delivery owed without one was written meanwhile", writtenMeanwhile);
            }
            d = lockedRow(message, endpoint);
            if (d == null) {
                throw new IllegalStateException("The row of delivery " + Destinations.deliveryId(message.getId(),
                        owed.index()) + " could not be written; retry");
            }
        }
        if (d == null) {
            d = new Delivery(message, endpoint); // the message never went there (the endpoint came later)
            em.persist(d);
        } else if (d.getStatus() == DeliveryStatus.SENDING) {
            // Svix queues a resend that arrives during an attempt; the ledger starts its chain as
            // soon as that attempt is recorded. Two chains at once would break "attempts of one
            // message to one endpoint never overlap".
            d.requestResend(now);
            return;
        }
        d.restartChain(now);
        em.flush();
        queue.enqueue(List.of(new DeliveryQueue.Ticket(d.getId(), endpoint.getId(), d.getAttempts() + 1, 0)));
    }

    @Inject
    OwedRows owedRows;

    private static final Logger LOG = Logger.getLogger(Redelivery.class.getName());

    private Delivery lockedRow(Message message, Endpoint endpoint) {
        return em.createQuery("select d from Delivery d where d.message.id = :msg and d.endpoint.id = :ep",
                Delivery.class).setParameter("msg", message.getId()).setParameter("ep", endpoint.getId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst().orElse(null);
    }
}
