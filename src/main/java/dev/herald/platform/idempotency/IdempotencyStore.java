package dev.herald.platform.idempotency;

import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/** Each step in its own transaction, independent of the request's. */
@ApplicationScoped
public class IdempotencyStore {
    /** A claim older than this was abandoned (its request died) and may be taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * Answers the existing record for this key, or null after claiming the key for the caller.
     * Two racing first requests: one wins the insert, the other's commit fails (caller maps it).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public IdempotencyRecord claim(String keyHash, String requestHash) {
        Instant now = Times.now();
        IdempotencyRecord existing = em.find(IdempotencyRecord.class, keyHash, LockModeType.PESSIMISTIC_WRITE);
        if (existing != null) {
            if (existing.isComplete() || existing.getCreatedAt().plus(ABANDONED_AFTER).isAfter(now)) {
                return existing;
            }
            em.remove(existing);
            em.flush();
        }
        em.persist(new IdempotencyRecord(keyHash, requestHash, now));
        em.flush();
        return null;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(String keyHash, int status, String contentType, String body) {
        IdempotencyRecord record = em.find(IdempotencyRecord.class, keyHash);
        if (record != null) {
            record.complete(status, contentType, body);
        }
    }

    /** Forgets a claim whose request failed on the server side, so a retry runs again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String keyHash) {
        IdempotencyRecord record = em.find(IdempotencyRecord.class, keyHash);
        if (record != null) {
            em.remove(record);
        }
    }
}
