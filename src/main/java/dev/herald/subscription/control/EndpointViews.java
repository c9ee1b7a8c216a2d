package dev.herald.subscription.control;

import dev.herald.platform.concurrent.AppThreads;
import dev.herald.platform.cache.ConfigGeneration;
import dev.herald.platform.cache.Views;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Endpoints as delivery sees them, kept in memory: by id for attempts, and an application's
 * enabled ones for ingest. A view is used until configuration changes on this instance
 * ({@link ConfigGeneration}); for changes made on another instance it is reloaded in the
 * background once it is {@link ConfigGeneration#TTL_MILLIS} old ({@link Views}). Loading one
 * opens its sealed secrets and parses its contract, which before cost every message and every
 * attempt.
 */
@ApplicationScoped
public class EndpointViews {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** Loads what is not in memory; the only part that needs a transaction (lazy associations, sealed columns). */
    @Inject
    EndpointViews self;

    @Inject
    AppThreads threads;

    private ExecutorService reloader;
    private Views<String, EndpointView> byId;
    private Views<String, List<EndpointView>> enabledByApp;

    @PostConstruct
    void start() {
        reloader = Views.reloader(threads, "herald-endpoint-views");
        byId = Views.of(id -> self.load(id), reloader);
        enabledByApp = Views.of(appId -> {
            long generation = ConfigGeneration.current();
            List<EndpointView> views = self.loadEnabled(appId);
            for (EndpointView v : views) {
                byId.put(v.id(), v, generation);
            }
            return views;
        }, reloader);
    }

    @PreDestroy
    void stop() {
        reloader.shutdownNow();
    }

    /** The endpoint, or null when it no longer exists. */
    public EndpointView byId(String endpointId) {
        return byId.get(endpointId);
    }

    /** The application's enabled endpoints (paused ones included: they keep what they are owed). */
    public List<EndpointView> enabled(String appId) {
        return enabledByApp.get(appId);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public EndpointView load(String endpointId) {
        Endpoint endpoint = em.find(Endpoint.class, endpointId);
        return endpoint == null ? null : EndpointView.of(endpoint);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public List<EndpointView> loadEnabled(String appId) {
        return em.createQuery("select e from Endpoint e join fetch e.app "
                + "where e.app.id = :app and e.disabled = false order by e.id", Endpoint.class)
                .setParameter("app", appId).getResultStream().map(EndpointView::of).toList();
    }

    /** Forgets every view: after a bulk update this instance made to endpoint rows. */
    public void invalidate() {
        ConfigGeneration.bump();
    }
}
