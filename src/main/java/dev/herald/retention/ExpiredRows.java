package dev.herald.retention;

import dev.herald.delivery.entity.DeliveryStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One batch of the purge, each in a transaction of its own: ids first (bounded, in age order),
 * then bulk deletes by those ids, never entity by entity.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ExpiredRows {
    private static final List<DeliveryStatus> FINAL =
            Arrays.stream(DeliveryStatus.values()).filter(DeliveryStatus::isFinal).toList();

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * These messages less those that may still owe a delivery without a row
     * (dev.herald.delivery.control.Destinations): one the rowless sweep has not passed yet and
     * that names a destination without a delivery row (a first attempt under way, or a ticket
     * lost). A message the sweep has passed has a row for every delivery.
     */
    private List<String> withoutRowlessOwed(List<String> ids) {
        if (ids.isEmpty()) {
            return ids;
        }
        List<Object[]> named = em.createQuery("select m.id, m.destinations from Message m where m.id in :ids "
                + "and m.destinations is not null and m.timestamp >= :swept", Object[].class)
                .setParameter("ids", ids).setParameter("swept", sweptUntil()).getResultList();
        if (named.isEmpty()) {
            return ids;
        }
        java.util.Set<String> owing = new java.util.HashSet<>();
        for (Object[] m : named) {
            java.util.Set<String> withRow = new java.util.HashSet<>(em.createQuery("select d.endpoint.id from Delivery d "
                    + "where d.message.id = :id", String.class).setParameter("id", m[0]).getResultList());
            for (var d : dev.herald.delivery.control.Destinations.parse((String) m[1])) {
                if (!withRow.contains(d.endpointId())) {
                    owing.add((String) m[0]);
                }
            }
        }
        return ids.stream().filter(id -> !owing.contains(id)).toList();
    }

    private Instant sweptUntil() {
        Object mark = em.createNativeQuery("select mark from herald_sweep_mark where name = 'rowless'").getResultStream()
                .findFirst().orElse(null);
        if (mark instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (mark instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (mark instanceof Instant t) {
            return t;
        }
        return Instant.EPOCH;
    }

    /** Attempts logged before {@code before}, also those of a message that is still kept. */
    public int deleteAttempts(Instant before, int max) {
        List<String> ids = em.createQuery("select a.id from Attempt a where a.timestamp < :before order by a.timestamp",
                String.class).setParameter("before", before).setMaxResults(max).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from Attempt a where a.id in :ids").setParameter("ids", ids).executeUpdate();
    }

    /**
     * Messages created before {@code before} that owe nothing and have not been worked on since:
     * every delivery is final and became so before {@code before}. A message still owed a
     * delivery, or resent within the period, stays with its payload. Their attempts are no later
     * than their deliveries' last change, so {@link #deleteAttempts} has already taken them.
     */
    public int deleteMessages(Instant before, int max) {
        List<String> ids = em.createQuery("select m.id from Message m where m.timestamp < :before and not exists ("
                + "select d.id from Delivery d where d.message = m and (d.status not in :final or d.updatedAt >= :before))"
                + " order by m.timestamp", String.class).setParameter("before", before).setParameter("final", FINAL)
                .setMaxResults(max).getResultList();
        ids = withoutRowlessOwed(ids);
        if (ids.isEmpty()) {
            return 0;
        }
        // The conditions again: a resend between the select and here keeps its delivery, and
        // then its message (no foreign key insists on it since V7: this query does).
        em.createQuery("delete from Delivery d where d.message.id in :ids and d.status in :final and d.updatedAt < :before")
                .setParameter("ids", ids).setParameter("final", FINAL).setParameter("before", before).executeUpdate();
        return em.createQuery("delete from Message m where m.id in :ids and not exists ("
                + "select d.id from Delivery d where d.message = m)").setParameter("ids", ids).executeUpdate();
    }

    /**
     * Payloads whose message asked for a shorter retention ({@code payloadRetentionPeriod}) and
     * whose time is up, once nothing is owed: the payload becomes {@code {}} (Svix expunges the
     * content and keeps the message), so no later resend can deliver a payload that was to be gone.
     */
    public int expungePayloads(Instant now, int max) {
        List<String> ids = em.createQuery("select m.id from Message m where m.payloadExpiresAt < :now and not exists ("
                + "select d.id from Delivery d where d.message = m and d.status not in :final)"
                + " order by m.payloadExpiresAt", String.class).setParameter("now", now).setParameter("final", FINAL)
                .setMaxResults(max).getResultList();
        ids = withoutRowlessOwed(ids);
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("update Message m set m.payload = '{}', m.payloadExpiresAt = null where m.id in :ids")
                .setParameter("ids", ids).executeUpdate();
    }

    /** Stored answers to idempotent POSTs, and abandoned claims, made before {@code before}. */
    public int deleteIdempotencyKeys(Instant before, int max) {
        List<String> keys = em.createQuery("select r.keyHash from IdempotencyRecord r where r.createdAt < :before "
                + "order by r.createdAt", String.class).setParameter("before", before).setMaxResults(max).getResultList();
        if (keys.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from IdempotencyRecord r where r.keyHash in :keys")
                .setParameter("keys", keys).executeUpdate();
    }
}
