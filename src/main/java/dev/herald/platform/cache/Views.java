package dev.herald.platform.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Views of configuration kept in memory, by key. A change on this instance moves the
 * {@link ConfigGeneration} and the next look-up loads the view again, on the caller's thread, so
 * it is never used stale. For changes made on another instance a view also ages: one older than
 * the time to live is still answered, and a reload starts in the background (one per key at a
 * time), so the hot path never waits for the database and a busy second costs one load per key,
 * not one per caller that noticed the age. Plain Java.
 *
 * @param <K> the key (an id, a uid)
 * @param <V> the view; a loader answering null means "none": not kept, asked again next time
 */
public final class Views<K, V> {
    private static final Logger LOG = Logger.getLogger(Views.class.getName());

    private record Entry<V>(V value, long generation, long loadedAtMillis) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Set<K> reloading = ConcurrentHashMap.newKeySet();
    private final Function<K, V> loader;
    private final Executor reloader;
    private final LongSupplier generation;
    private final LongSupplier clock;
    private final long ttlMillis;
    private final int bound;

    public Views(Function<K, V> loader, Executor reloader, LongSupplier generation, LongSupplier clock, long ttlMillis,
            int bound) {
        this.loader = loader;
        this.reloader = reloader;
        this.generation = generation;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.bound = bound;
    }

    /** With the process's configuration generation and clock. */
    public static <K, V> Views<K, V> of(Function<K, V> loader, Executor reloader) {
        return new Views<>(loader, reloader, ConfigGeneration::current, System::currentTimeMillis,
                ConfigGeneration.TTL_MILLIS, 10_000);
    }

    /** One daemon thread, from the container's thread factory, for the background reloads of some views. */
    public static java.util.concurrent.ExecutorService reloader(java.util.concurrent.ThreadFactory threads, String name) {
        return java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = threads.newThread(r);
            t.setName(name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The view, from memory unless this instance changed configuration since it was loaded. */
    public V get(K key) {
        Entry<V> e = entries.get(key);
        long now = clock.getAsLong();
        if (e != null && e.generation() == generation.getAsLong()) {
            if (now - e.loadedAtMillis() >= ttlMillis && reloading.add(key)) {
                reloadLater(key);
            }
            return e.value();
        }
        long g = generation.getAsLong();
        V value = loader.apply(key);
        put(key, value, g, now);
        return value;
    }

    /** Keeps a view loaded elsewhere (with others, in one query), as of the generation read before loading it. */
    public void put(K key, V value, long loadedAtGeneration) {
        put(key, value, loadedAtGeneration, clock.getAsLong());
    }

    private void put(K key, V value, long g, long now) {
        if (value == null) {
            entries.remove(key);
            return;
        }
        if (entries.size() >= bound && !entries.containsKey(key)) {
            entries.clear(); // a bound, not a policy: views are a few milliseconds of work to rebuild
        }
        entries.put(key, new Entry<>(value, g, now));
    }

    private void reloadLater(K key) {
        try {
            reloader.execute(() -> {
                try {
                    long g = generation.getAsLong();
                    put(key, loader.apply(key), g, clock.getAsLong());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not reload the view of " + key + "; it is used as it is", e);
                } finally {
                    reloading.remove(key);
                }
            });
        } catch (RuntimeException refused) {
            reloading.remove(key); // shutting down: the next look-up tries again
        }
    }
}
