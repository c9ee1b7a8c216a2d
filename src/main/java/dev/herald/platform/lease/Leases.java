package dev.herald.platform.lease;

import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Leases on named jobs, shared by every instance through the database. Taking one is a single
 * conditional update of the job's row, so of several instances asking at once exactly one wins,
 * on H2 and PostgreSQL alike, and a holder that dies loses its lease when it expires.
 */
@ApplicationScoped
public class Leases {
    /** This process, as lease holders are told apart (the JVM's name is pid@host). */
    public static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** Takes (or renews) the lease on {@code job} for {@code ttl}; answers whether this instance holds it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean acquire(String job, Duration ttl) {
        Instant now = Times.now();
        return em.createQuery("update Lease l set l.holder = :me, l.expiresAt = :until where l.name = :job"
                        + " and (l.expiresAt is null or l.expiresAt < :now or l.holder = :me)")
                .setParameter("me", INSTANCE).setParameter("until", now.plus(ttl)).setParameter("job", job)
                .setParameter("now", now).executeUpdate() == 1;
    }

    /** Gives the lease on {@code job} up, if this instance holds it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String job) {
        em.createQuery("update Lease l set l.holder = null, l.expiresAt = null where l.name = :job and l.holder = :me")
                .setParameter("job", job).setParameter("me", INSTANCE).executeUpdate();
    }

    /** Who holds the lease on {@code job} until when, for the log. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String describe(String job) {
        Lease lease = em.find(Lease.class, job);
        return lease == null ? "no lease row " + job : lease.getHolder() + " until " + lease.getExpiresAt();
    }
}
