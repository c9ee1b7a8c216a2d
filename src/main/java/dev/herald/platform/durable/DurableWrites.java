package dev.herald.platform.durable;

import dev.herald.platform.HeraldResources;
import dev.herald.platform.concurrent.AppThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When a commit is on disk. On PostgreSQL, at once: its commit waits for the write-ahead log.
 * On H2, whose URL has a {@code WRITE_DELAY} so that a commit stays in memory, once the shared
 * {@link StoreFlusher} has written the store after it. Callers that answer someone (a 202, a
 * 201) {@link #await} that; the API's mutating requests do it in {@link DurableAnswers}.
 */
@ApplicationScoped
public class DurableWrites {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DurableWrites.class.getName());
    static final long AWAIT_MILLIS = 30_000;
    /** H2: how long the store writer has had nothing to write before it compacts the file (StoreCompaction#whileIdle). */
    static final long IDLE_AFTER_MILLIS = 5_000;

    @Resource(lookup = HeraldResources.DATASOURCE)
    DataSource dataSource;

    @Inject
    AppThreads threads;

    /** How long a store write waits for more commits to share it. */
    @Inject
    @ConfigProperty(name = "herald.db.store-write-interval-ms", defaultValue = "20")
    long intervalMillis;

    /** How many waiting answers start a store write before the interval has passed. */
    @Inject
    @ConfigProperty(name = "herald.db.store-write-company", defaultValue = "64")
    int company;

    /** H2 only: at most how often the store writer rewrites mostly dead chunks (StoreCompaction). */
    @Inject
    @ConfigProperty(name = "herald.db.compaction-interval-ms", defaultValue = "" + StoreCompaction.DEFAULT_INTERVAL_MS)
    long compactionIntervalMillis;

    /** H2 only: at most how many bytes of live pages one such pass rewrites. */
    @Inject
    @ConfigProperty(name = "herald.db.compaction-bytes", defaultValue = "" + StoreCompaction.DEFAULT_REWRITE_BYTES)
    int compactionBytes;

    private StoreFlusher flusher;
    private StoreCompaction compaction;

    @PostConstruct
    void start() {
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
        if (url != null && delaysWrites(url)) {
            compaction = new StoreCompaction(dataSource, compactionIntervalMillis * 1_000_000L, compactionBytes);
            flusher = new StoreFlusher(this::checkpoint, intervalMillis, company, threads)
                    .whenIdle(IDLE_AFTER_MILLIS, this::compactWhileIdle).start();
        }
    }

    /**
     * Whether H2 at this URL keeps commits in memory for a while ({@code WRITE_DELAY} other than
     * 0, H2's default of 500 ms included). The embedded default does ({@code HeraldDriver}), so
     * that many commits share one store write.
     */
    static boolean delaysWrites(String url) {
        return url.startsWith("jdbc:h2:") && !java.util.regex.Pattern.compile(";WRITE_DELAY=0+(;|$)",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(url).find();
    }

    /**
     * H2 does not close the embedded database, not even when the JVM exits (HeraldDriver): an
     * orderly stop writes the store once more, so that what was committed until now is on disk
     * and the next start finds it. Whatever commits after this is what a kill -9 would lose, and
     * the sweep makes good.
     */
    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.stop();
            try (Connection c = dataSource.getConnection()) {
                writeStore(c);
            } catch (SQLException | RuntimeException e) {
                LOG.log(java.util.logging.Level.WARNING,
                        "Could not write the database's store at stop; the next start recovers what it holds", e);
            }
        }
    }

    /**
     * Returns once every transaction this thread committed before the call is on disk. The write
     * waits only for message creates already on their way, not for the interval: a script that
     * creates endpoints one after another is not held 20 ms for each.
     */
    public void await() {
        if (flusher != null) {
            flusher.expect(1);
            flusher.await(AWAIT_MILLIS, 1, 1);
        }
    }

    /**
     * Whether a commit is on disk once it returns (PostgreSQL; H2 with {@code WRITE_DELAY=0}):
     * then each commit pays its own log flush, and fewer, larger transactions pay off.
     */
    public boolean durableAtCommit() {
        return flusher == null;
    }

    /**
     * As {@link #await()} without blocking, for a group commit whose batch holds {@code answers}
     * answers, {@code announced} of them announced by {@link #expect}: completes once those
     * commits are on disk (at once without H2's delay), or fails with
     * {@link StoreFlusher.NotDurable} after {@value #AWAIT_MILLIS} ms.
     */
    public java.util.concurrent.CompletableFuture<Void> afterNextWrite(int answers, int announced) {
        return flusher == null ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : flusher.afterNextWrite(answers, announced, AWAIT_MILLIS);
    }

    /**
     * Announces answers on their way to {@link #afterNextWrite(int, int)} (negative: announced
     * ones that will not come): the store write waits for them, and starts once all are there.
     */
    public void expect(int answers) {
        if (flusher != null) {
            flusher.expect(answers);
        }
    }

    /** Tells the store writer that no announced answer is on its way ({@link StoreFlusher#nobodyExpected}). */
    public void nobodyExpected() {
        if (flusher != null) {
            flusher.nobodyExpected();
        }
    }

    /** H2: "; store: N writes since the start" (the commits of many batches share one); PostgreSQL: nothing. */
    public String batching() {
        return flusher == null ? "" : "; store: " + flusher.writes() + " writes";
    }

    /** Asks for what was committed to reach the disk soon; a crash before then only repeats work. */
    public void request() {
        if (flusher != null) {
            flusher.request();
        }
    }

    /** An idle pass of the file's compaction; the rewritten pages are durable after the store write that follows. */
    private long compactWhileIdle() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            StoreCompaction.Pass pass = compaction.whileIdle(c);
            if (pass.rewrote()) {
                writeStore(c);
            }
            return pass.againMillis();
        }
    }

    /** A store write, then a compaction pass when one is due. */
    private void checkpoint() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            writeStore(c);
            compaction.afterStoreWrite(c);
        }
    }

    /** H2's CHECKPOINT writes the store (MVStore.commit) and waits for the file write. */
    private static void writeStore(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }
}
