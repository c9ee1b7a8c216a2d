package dev.herald.subscription.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Keeps the reason Herald gave when it disabled an endpoint by itself, so the endpoint can say
 * why (the customer portal shows it). It observes the event the delivery path already fires (right
 * after its record commits), rather than asking the delivery path to write a column it has no use for.
 */
@ApplicationScoped
public class DisabledReasons {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    void record(@Observes EndpointDisabled event) {
        // A bulk update, as the delivery path's own: the endpoint row is shared by concurrent attempts.
        em.createQuery("update Endpoint e set e.disabledReason = :reason where e.id = :id and e.disabled = true")
                .setParameter("reason", event.reason().length() > 512 ? event.reason().substring(0, 512) : event.reason())
                .setParameter("id", event.endpointId()).executeUpdate();
    }
}
