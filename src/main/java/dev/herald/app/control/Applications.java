package dev.herald.app.control;

import dev.herald.platform.concurrent.AppThreads;
import dev.herald.platform.cache.Views;
import jakarta.inject.Inject;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;

import dev.herald.app.entity.Application;
import dev.herald.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Finds applications by id or by the caller's own uid, as every Svix path allows. */
@ApplicationScoped
public class Applications {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** What ingest needs of an application, kept in memory like endpoints (see ConfigGeneration). */
    public record AppView(String id, Integer maxPayloadBytes) {
    }

    @Inject
    AppThreads threads;

    private ExecutorService reloader;
    private Views<String, AppView> views;

    @PostConstruct
    void start() {
        reloader = Views.reloader(threads, "herald-application-views");
        // An unknown application is not remembered (null): it may be created any moment.
        views = Views.of(idOrUid -> {
            Application app = find(idOrUid);
            return app == null ? null : new AppView(app.getId(), app.getMaxPayloadBytes());
        }, reloader);
    }

    @PreDestroy
    void stop() {
        reloader.shutdownNow();
    }

    /** The application by id or uid, from memory when this instance has seen it (see {@link Views}). */
    public AppView requireView(String idOrUid) {
        AppView view = findView(idOrUid);
        if (view == null) {
            throw Problem.notFound("Application", idOrUid);
        }
        return view;
    }

    /** As {@link #requireView}, but null when there is no such application. */
    public AppView findView(String idOrUid) {
        return views.get(idOrUid);
    }

    public Application require(String idOrUid) {
        Application app = find(idOrUid);
        if (app == null) {
            throw Problem.notFound("Application", idOrUid);
        }
        return app;
    }

    public Application find(String idOrUid) {
        if (Application.OPERATIONAL_ID.equals(idOrUid)) {
            return null; // reached only through /operational-webhook/…
        }
        if (idOrUid.startsWith("app_")) {
            Application byId = em.find(Application.class, idOrUid);
            if (byId != null) {
                return byId;
            }
        }
        return byUid(idOrUid);
    }

    public Application byUid(String uid) {
        return em.createQuery("select a from Application a where a.uid = :uid", Application.class)
                .setParameter("uid", uid).getResultStream().findFirst().orElse(null);
    }

    /**
     * Svix's {@code application} in {@code MessageIn}: the application named by the path's uid,
     * created with the message's first send. In a transaction of its own, before the message's;
     * when a concurrent first send created it meanwhile, that one is answered.
     */
    public Application createOnFirstMessage(String uid, String name, String metadataJson) {
        try {
            return self().insert(uid, name, metadataJson);
        } catch (RuntimeException lostRace) {
            Application existing = byUid(uid);
            if (existing == null) {
                throw lostRace;
            }
            return existing;
        }
    }

    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    public Application insert(String uid, String name, String metadataJson) {
        Application app = new Application(name);
        app.setUid(uid);
        app.setMetadata(metadataJson);
        em.persist(app);
        return app;
    }

    private Applications self() {
        return jakarta.enterprise.inject.spi.CDI.current().select(Applications.class).get();
    }

    /** Removes the application and everything that belongs to it. */
    public void delete(Application app) {
        String id = app.getId();
        em.createQuery("delete from Attempt a where a.appId = :id").setParameter("id", id).executeUpdate();
        em.createQuery("delete from Delivery d where d.message.id in (select m.id from Message m where m.app.id = :id)")
                .setParameter("id", id).executeUpdate();
        em.createQuery("delete from Message m where m.app.id = :id").setParameter("id", id).executeUpdate();
        em.createQuery("delete from Endpoint e where e.app.id = :id").setParameter("id", id).executeUpdate();
        // Its portal tokens too: an id is never reused, but a dead token should not linger.
        em.createQuery("delete from AppToken t where t.appId = :id").setParameter("id", id).executeUpdate();
        em.remove(app);
    }
}
