package dev.herald.platform.durable;

import java.sql.Connection;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps the embedded H2 file from growing with the write rate, and shrinks it again after a
 * burst. Every store write appends a chunk of the pages it changed, and a chunk's space is reused
 * only once none of its pages is live; the newest leaf of each table and index holds rows that
 * stay, so nearly every chunk keeps a little live data. Under a sustained load the file grew by
 * the bytes written: 40 KB per message at 300 msg/s, 730 MB a minute, until the load stopped.
 *
 * <p>So, at most every 200 ms ({@code herald.db.compaction-interval-ms}), right after a store
 * write, the writer rewrites the live pages of chunks that are mostly dead ({@code
 * MVStore.compact}: the oldest and emptiest first, at most 256 KB of live pages, {@code
 * herald.db.compaction-bytes}). Their space is then free, and the next chunks go there. Small
 * passes keep the store lock briefly: a 202 waits for the store write behind a pass (1 s and 4 MB
 * passes took the p99 at 300 msg/s from 19 to 33 ms; these left it at 16-17 ms). H2 only rewrites
 * chunks older than its retention time (45 s), so the file settles at a minute or two of writes
 * beside the rows.
 *
 * <p>Once the store writer has been idle for a few seconds, larger passes ({@link #whileIdle})
 * rewrite what the load left sparse until the chunks are 90 % live. H2 puts a new chunk in the
 * first gap that holds it, so the live pages move towards the start of the file, and H2 cuts the
 * file's end once no chunk is left there. H2's own compaction is off on the embedded URL (it moves
 * chunks, which lost data across restarts: {@code HeraldDriver}); a rewrite only ever appends.
 *
 * <p>H2's classes are Payara's (the server's H2, as {@code HeraldDriver} uses); this class is
 * loaded only for an H2 URL. The store is reached through the driver's connection, which Payara's
 * pool hides: its {@code unwrap} answers proxies of interfaces only, so the physical connection
 * comes from Payara's public {@code com.sun.appserv.jdbc.DataSource#getConnection(Connection)}.
 */
final class StoreCompaction {
    private static final Logger LOG = Logger.getLogger(StoreCompaction.class.getName());

    /** Rewrites start below this share of live data in the file's chunks (H2's own auto-compaction target). */
    private static final int TARGET_FILL_PERCENT = 90;
    /** {@code herald.db.compaction-interval-ms} unless configured. */
    static final long DEFAULT_INTERVAL_MS = 200;
    /** {@code herald.db.compaction-bytes} unless configured. */
    static final int DEFAULT_REWRITE_BYTES = 256 * 1024;

    /** Live pages one idle pass rewrites (a 4 MB pass took 5-50 ms under load; idle, nobody waits for it but the next write). */
    static final int IDLE_REWRITE_BYTES = 4 * 1024 * 1024;
    /** Between idle passes that rewrote something. */
    static final long IDLE_PAUSE_MS = 200;
    /** H2 rewrites only chunks older than its retention time (45 s): a pass that found only younger ones tries once more after this. */
    static final long IDLE_RETRY_MS = 60_000;

    private final DataSource dataSource;
    private final long intervalNanos;
    private final int rewriteBytes;
    private long lastNanos = System.nanoTime();
    private MVStore store;
    private boolean unavailable;
    private int unproductiveIdlePasses;

    StoreCompaction(DataSource dataSource, long intervalNanos, int rewriteBytes) {
        this.dataSource = dataSource;
        this.intervalNanos = intervalNanos;
        this.rewriteBytes = rewriteBytes;
    }

    /** Called by the store writer after each write, on its thread, with the connection it wrote with. */
    void afterStoreWrite(Connection connection) {
        long now = System.nanoTime();
        if (unavailable || now - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = now;
        unproductiveIdlePasses = 0;
        MVStore s = store(connection);
        if (s != null) {
            try {
                s.compact(TARGET_FILL_PERCENT, rewriteBytes);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    /**
     * An idle pass, on the store writer's thread while nothing asks it to write: rewrites up to
     * {@value #IDLE_REWRITE_BYTES} bytes of live pages of sparse chunks and answers whether the
     * caller should write the store for them ({@link Pass#rewrote}) and when to come back: soon
     * while there is more, after H2's retention time when what is sparse is too young to rewrite
     * (once), and not before the next write when the chunks are 90 % live.
     */
    Pass whileIdle(Connection connection) {
        MVStore s = store(connection);
        if (s == null) {
            return Pass.DONE;
        }
        try {
            if (s.getFileStore().getChunksFillRate() >= TARGET_FILL_PERCENT) {
                return Pass.DONE;
            }
            if (s.compact(TARGET_FILL_PERCENT, IDLE_REWRITE_BYTES)) {
                unproductiveIdlePasses = 0;
                return new Pass(true, IDLE_PAUSE_MS);
            }
            return ++unproductiveIdlePasses > 1 ? Pass.DONE : new Pass(false, IDLE_RETRY_MS);
        } catch (RuntimeException e) {
            failed(e);
            return Pass.DONE;
        }
    }

    /** What an idle pass did: whether it rewrote pages (a store write makes them durable), and when to run again (ms; negative: after the next write). */
    record Pass(boolean rewrote, long againMillis) {
        static final Pass DONE = new Pass(false, -1);
    }

    private MVStore store(Connection connection) {
        if (unavailable) {
            return null;
        }
        try {
            if (store == null) {
                store = mvStore(physical(connection));
                if (store == null) {
                    unavailable = true;
                }
            }
            return store;
        } catch (ReflectiveOperationException | RuntimeException e) {
            failed(e);
            return null;
        }
    }

    private void failed(Exception e) {
        // not tried again: the file then grows while the load lasts, and keeps its size after it
        unavailable = true;
        LOG.log(Level.WARNING, "Could not compact the H2 store; its file keeps the space it takes", e);
    }

    /** The store behind an embedded H2 connection; null for a server ({@code jdbc:h2:tcp:}) one. */
    private static MVStore mvStore(Connection physical) {
        if (!(physical instanceof JdbcConnection h2) || !(h2.getSession() instanceof SessionLocal local)) {
            return null;
        }
        return local.getDatabase().getStore().getMvStore();
    }

    private Connection physical(Connection pooled) throws ReflectiveOperationException {
        Class<?> payara;
        try {
            payara = Class.forName("com.sun.appserv.jdbc.DataSource", false, dataSource.getClass().getClassLoader());
        } catch (ClassNotFoundException notOnPayara) {
            return pooled;
        }
        return payara.isInstance(dataSource)
                ? (Connection) payara.getMethod("getConnection", Connection.class).invoke(dataSource, pooled)
                : pooled;
    }
}
