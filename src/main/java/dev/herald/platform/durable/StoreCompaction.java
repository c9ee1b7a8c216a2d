package dev.herald.platform.durable;

import java.sql.Connection;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps the embedded H2 file from growing with the write rate. Every store write appends a chunk
 * of the pages it changed, and a chunk's space is reused only once none of its pages is live;
 * the newest leaf of each table and index holds rows that stay, so nearly every chunk keeps a
 * little live data. H2 rewrites such chunks only while the store is idle (its background writer
 * compares against half its fill rate target otherwise, which never triggers), so under a
 * sustained load the file grew by the bytes written: 40 KB per message at 300 msg/s, 730 MB a
 * minute, until the load stopped.
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

    private final DataSource dataSource;
    private final long intervalNanos;
    private final int rewriteBytes;
    private long lastNanos = System.nanoTime();
    private MVStore store;
    private boolean unavailable;

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
        try {
            if (store == null) {
                store = mvStore(physical(connection));
                if (store == null) {
                    unavailable = true;
                    return;
                }
            }
            store.compact(TARGET_FILL_PERCENT, rewriteBytes);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not tried again: the file then grows while the load lasts, and H2 compacts it when idle
            unavailable = true;
            LOG.log(Level.WARNING, "Could not compact the H2 store; it compacts itself when idle", e);
        }
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
