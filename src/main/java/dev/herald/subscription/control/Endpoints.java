package dev.herald.subscription.control;

import dev.herald.app.entity.Application;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Endpoint look-ups within an application, by id or uid. */
@ApplicationScoped
public class Endpoints {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    public Endpoint require(Application app, String idOrUid) {
        Endpoint endpoint = find(app, idOrUid);
        if (endpoint == null) {
            throw Problem.notFound("Endpoint", idOrUid);
        }
        return endpoint;
    }

    public Endpoint find(Application app, String idOrUid) {
        if (idOrUid.startsWith("ep_")) {
            Endpoint byId = em.find(Endpoint.class, idOrUid);
            if (byId != null && byId.getApp().getId().equals(app.getId())) {
                return byId;
            }
        }
        return byUid(app, idOrUid);
    }

    public Endpoint byUid(Application app, String uid) {
        return em.createQuery("select e from Endpoint e where e.app.id = :app and e.uid = :uid", Endpoint.class)
                .setParameter("app", app.getId()).setParameter("uid", uid)
                .getResultStream().findFirst().orElse(null);
    }

    /**
     * The application's endpoint count, with its row locked until the transaction ends, so two
     * creations at once cannot both pass a limit.
     */
    public long countLocked(Application app) {
        em.lock(app, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return em.createQuery("select count(e) from Endpoint e where e.app.id = :app", Long.class)
                .setParameter("app", app.getId()).getSingleResult();
    }

    public List<Endpoint> enabled(Application app) {
        return em.createQuery("select e from Endpoint e where e.app.id = :app and e.disabled = false", Endpoint.class)
                .setParameter("app", app.getId()).getResultList();
    }

    public void delete(Endpoint endpoint) {
        // Attempts stay in the log (they copy the ids they need); owed deliveries go.
        em.createQuery("delete from Delivery d where d.endpoint.id = :id").setParameter("id", endpoint.getId())
                .executeUpdate();
        em.remove(endpoint);
    }
}
