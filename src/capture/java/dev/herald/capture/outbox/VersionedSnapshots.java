package dev.herald.capture.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The published states of versioned roots ({@code herald_snapshot}), numbered from 1 per root, in
 * the application's database and transaction. The next {@code updated} reads the newest as its
 * {@code old}: exact across restarts, and two transactions that both read version n cannot both
 * write n + 1 (the primary key fails the second, which rolls back with its change).
 */
@ApplicationScoped
public class VersionedSnapshots {
    static final JsonProvider JSON = JsonProvider.provider();

    /** The application's persistence unit (its only one), in the caller's transaction. */
    @PersistenceContext
    EntityManager em;

    /**
     * Files {@code current} as the root's next version; answers {@code {"old", "new"}} when
     * {@code pair} (old is null the first time), else {@code current} itself.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String file(String rootType, String rootId, JsonObject current, boolean pair) {
        @SuppressWarnings("unchecked")
        List<Object[]> latest = em.createNativeQuery("select version, snapshot from herald_snapshot "
                + "where root_type = ?1 and root_id = ?2 order by version desc")
                .setParameter(1, rootType).setParameter(2, rootId).setMaxResults(1).getResultList();
        int next = latest.isEmpty() ? 1 : ((Number) latest.get(0)[0]).intValue() + 1;
        try {
            em.createNativeQuery("insert into herald_snapshot (root_type, root_id, version, snapshot, created_at) "
                    + "values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, rootType).setParameter(2, rootId).setParameter(3, next)
                    .setParameter(4, current.toString()).setParameter(5, Timestamp.from(Instant.now()))
                    .executeUpdate();
        } catch (PersistenceException e) {
            // another transaction published version `next` first: this change is based on a stale state
            throw new OptimisticLockException("Version " + next + " of " + rootType + " " + rootId
                    + " was published by another transaction", e);
        }
        if (!pair) {
            return current.toString();
        }
        JsonValue old = latest.isEmpty() ? JsonValue.NULL : parse((String) latest.get(0)[1]);
        return JSON.createObjectBuilder().add("old", old).add("new", current).build().toString();
    }

    private static JsonValue parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
