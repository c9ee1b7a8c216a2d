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

    /**
     * As {@link #acquire}, for jobs named at run time (one per ordered endpoint): the row is
     * created on first use. Of two instances creating it at once, one insert fails and that
     * instance does not hold the lease.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean acquireNamed(String job, Duration ttl) {
        if (acquire(job, ttl)) {
            return true;
        }
        if (em.find(Lease.class, job) != null) {
            return false;
        }
        try {
            return em.createNativeQuery("insert into herald_lease (name, expiresAt, holder) values (?, ?, ?)")
                    .setParameter(1, job).setParameter(2, java.time.OffsetDateTime.ofInstant(Times.now().plus(ttl),
                            java.time.ZoneOffset.UTC)).setParameter(3, INSTANCE).executeUpdate() == 1;
        } catch (jakarta.persistence.PersistenceException taken) {
            return false;
        }
    }

    /** Forgets a run-time job's row (its endpoint is gone). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forget(String job) {
        em.createQuery("delete from Lease l where l.name = :job").setParameter("job", job).executeUpdate();
    }
}
