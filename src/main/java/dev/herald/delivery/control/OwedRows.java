package dev.herald.delivery.control;

import dev.herald.contract.EndpointContract;
import dev.herald.delivery.entity.Delivery;
import dev.herald.message.entity.Message;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The row of a delivery that its message owes without one ({@link Destinations}), written for a
 * person's resend in a transaction of its own. The write-behind of a first attempt's success
 * ({@link SucceededRows}) may write the same row at the same moment; inside the resend's own
 * transaction the loser's unique-key violation failed the resend (a 409 for a resend right after
 * the first attempt), whereas here it only means the row is there. The row is flushed inside the
 * method, so that a violation is met here and rolls this transaction back: met at its commit, it
 * left Payara's interceptor without the resend's suspended transaction (an NPE in its commit, and
 * a 500 for the resend; CI met it once).
 */
@ApplicationScoped
public class OwedRows {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliverySettings settings;

    /** Whether the message owes this endpoint a delivery without a row: it names it. */
    static Destinations.Destination owed(Message message, String endpointId) {
        for (Destinations.Destination dest : Destinations.parse(message.getDestinations())) {
            if (dest.endpointId().equals(endpointId)) {
                return dest;
            }
        }
        return null;
    }

    /**
     * Writes the row with its derived id and the attempts already recorded. If none was recorded
     * and the message is young enough for its first attempt to be under way, the row says so,
     * and a resend waits for that attempt as for any other.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void write(String msgId, String endpointId, Instant now) {
        Message message = em.find(Message.class, msgId);
        Endpoint endpoint = em.find(Endpoint.class, endpointId);
        Destinations.Destination dest = message == null || endpoint == null ? null : owed(message, endpointId);
        if (dest == null) {
            return;
        }
        int attempts = em.createQuery("select count(a) from Attempt a where a.appId = :app and a.msgId = :msg "
                + "and a.endpointId = :ep", Long.class).setParameter("app", endpoint.getApp().getId())
                .setParameter("msg", msgId).setParameter("ep", endpointId).getSingleResult().intValue();
        String id = Destinations.deliveryId(msgId, dest.index());
        if (em.find(Delivery.class, id) != null) {
            return; // written meanwhile
        }
        Delivery d = new Delivery(id, message, endpoint, attempts);
        d.setUrlOverride(dest.urlOverride());
        Instant lease = message.getTimestamp().plus(settings.inFlightLimit(EndpointContract.MAX_TIMEOUT_MS));
        if (attempts == 0 && now.isBefore(lease)) {
            d.startAttempt(now, lease);
        }
        em.persist(d);
        try {
            em.flush();
        } catch (PersistenceException writtenMeanwhile) {
            // the transaction is marked for rollback and ends so; the caller reads the row that won
        }
    }
}
