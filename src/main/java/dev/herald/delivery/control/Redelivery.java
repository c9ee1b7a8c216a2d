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
        Delivery d = em.createQuery("select d from Delivery d where d.message.id = :msg and d.endpoint.id = :ep",
                Delivery.class).setParameter("msg", message.getId()).setParameter("ep", endpoint.getId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst().orElse(null);
        Instant now = Times.now();
        if (d == null) {
            d = rowless(message, endpoint, now);
            em.persist(d);
            if (d.getStatus() == DeliveryStatus.SENDING) {
                d.requestResend(now);
                return;
            }
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
    DeliverySettings settings;

    /**
     * The row of a delivery that has none: a new one, or one the message owes without a row
     * ({@link Destinations}), which takes its derived id and the attempts already recorded. If
     * none was recorded and the message is young enough for its first attempt to be under way,
     * the row says so, and the resend waits for that attempt as for any other.
     */
    private Delivery rowless(Message message, Endpoint endpoint, Instant now) {
        for (Destinations.Destination dest : Destinations.parse(message.getDestinations())) {
            if (!dest.endpointId().equals(endpoint.getId())) {
                continue;
            }
            int attempts = em.createQuery("select count(a) from Attempt a where a.appId = :app and a.msgId = :msg "
                    + "and a.endpointId = :ep", Long.class).setParameter("app", endpoint.getApp().getId())
                    .setParameter("msg", message.getId()).setParameter("ep", endpoint.getId()).getSingleResult().intValue();
            Delivery d = new Delivery(Destinations.deliveryId(message.getId(), dest.index()), message, endpoint, attempts);
            d.setUrlOverride(dest.urlOverride());
            Instant lease = message.getTimestamp().plus(settings.inFlightLimit(
                    dev.herald.contract.EndpointContract.MAX_TIMEOUT_MS));
            if (attempts == 0 && now.isBefore(lease)) {
                d.startAttempt(now, lease);
            }
            return d;
        }
        return new Delivery(message, endpoint);
    }
}
