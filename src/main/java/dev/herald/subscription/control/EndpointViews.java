package dev.herald.subscription.control;

import dev.herald.platform.cache.ConfigGeneration;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints as delivery sees them, kept in memory: by id for attempts, and an application's
 * enabled ones for ingest. A view is used until configuration changes on this instance
 * ({@link ConfigGeneration}) or, for changes made on another instance, for at most
 * {@link ConfigGeneration#TTL_MILLIS}. Loading one opens its sealed secrets and parses its
 * contract, which before cost every message and every attempt.
 */
@ApplicationScoped
public class EndpointViews {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    private record Entry<T>(T value, long generation, long loadedAtMillis) {
        boolean fresh(long now) {
            return generation == ConfigGeneration.current() && now - loadedAtMillis < ConfigGeneration.TTL_MILLIS;
        }
    }

    private final ConcurrentHashMap<String, Entry<EndpointView>> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry<List<EndpointView>>> enabledByApp = new ConcurrentHashMap<>();

    /** Loads what is not in memory; the only part that needs a transaction (lazy associations, sealed columns). */
    @Inject
    EndpointViews self;

    /** The endpoint, or null when it no longer exists. */
    public EndpointView byId(String endpointId) {
        long now = System.currentTimeMillis();
        Entry<EndpointView> e = byId.get(endpointId);
        if (e != null && e.fresh(now)) {
            return e.value();
        }
        long generation = ConfigGeneration.current();
        EndpointView view = self.load(endpointId);
        if (view == null) {
            byId.remove(endpointId);
            return null;
        }
        byId.put(endpointId, new Entry<>(view, generation, now));
        return view;
    }

    /** The application's enabled endpoints (paused ones included: they keep what they are owed). */
    public List<EndpointView> enabled(String appId) {
        long now = System.currentTimeMillis();
        Entry<List<EndpointView>> e = enabledByApp.get(appId);
        if (e != null && e.fresh(now)) {
            return e.value();
        }
        long generation = ConfigGeneration.current();
        List<EndpointView> views = self.loadEnabled(appId);
        enabledByApp.put(appId, new Entry<>(views, generation, now));
        for (EndpointView v : views) {
            byId.put(v.id(), new Entry<>(v, generation, now));
        }
        return views;
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
