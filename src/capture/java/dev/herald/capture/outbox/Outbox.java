package dev.herald.capture.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/**
 * Writes an event as a row of {@code herald_outbox}, through the application's own entity
 * manager and so in its transaction. Native SQL rather than a mapped entity: the table needs no
 * entry in the application's {@code persistence.xml}, and the statement means the same to
 * EclipseLink and Hibernate.
 */
@ApplicationScoped
public class Outbox {
    static final JsonProvider JSON = JsonProvider.provider();

    /** The application's persistence unit (its only one), in the caller's transaction. */
    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String application, String eventId, String eventType, String payload, Map<String, String> endpointUrls) {
        String urls = null;
        if (endpointUrls != null && !endpointUrls.isEmpty()) {
            var b = JSON.createObjectBuilder();
            endpointUrls.forEach(b::add);
            urls = b.build().toString();
        }
        em.createNativeQuery("insert into herald_outbox (event_id, app_uid, event_type, payload, endpoint_urls, "
                + "created_at, attempts) values (?1, ?2, ?3, ?4, ?5, ?6, 0)")
                .setParameter(1, eventId).setParameter(2, application).setParameter(3, eventType)
                .setParameter(4, payload).setParameter(5, urls).setParameter(6, Timestamp.from(Instant.now()))
                .executeUpdate();
    }
}
