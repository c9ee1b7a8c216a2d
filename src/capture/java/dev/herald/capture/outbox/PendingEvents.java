package dev.herald.capture.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The relay's side of the outbox: the rows still owed, oldest first, and what became of each.
 * Every call is a short transaction of its own; none is open while Herald is being called.
 */
@ApplicationScoped
public class PendingEvents {
    /** One row to post. */
    public record Event(long seq, String eventId, String application, String eventType, String payload,
            String endpointUrls) {
    }

    /** The application's persistence unit (its only one), in the caller's transaction. */
    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Event> oldest(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, event_id, app_uid, event_type, payload, endpoint_urls "
                + "from herald_outbox where failed_at is null order by seq").setMaxResults(max).getResultList();
        return rows.stream().map(r -> new Event(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], (String) r[5])).toList();
    }

    /** Herald has it (accepted now, or earlier under the same eventId), or nobody is there to get it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void done(long seq) {
        em.createNativeQuery("delete from herald_outbox where seq = ?1").setParameter(1, seq).executeUpdate();
    }

    /** Herald refused it for good: kept for the operator, never posted again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(long seq, String error) {
        em.createNativeQuery("update herald_outbox set attempts = attempts + 1, last_error = ?1, failed_at = ?2 "
                + "where seq = ?3").setParameter(1, clip(error)).setParameter(2, Timestamp.from(Instant.now()))
                .setParameter(3, seq).executeUpdate();
    }

    /** Not delivered this time (Herald unreachable or busy): posted again later. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void notYet(long seq, String error) {
        em.createNativeQuery("update herald_outbox set attempts = attempts + 1, last_error = ?1 where seq = ?2")
                .setParameter(1, clip(error)).setParameter(2, seq).executeUpdate();
    }

    private static String clip(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
