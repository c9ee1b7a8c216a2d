package dev.herald.platform.batch;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One JDBC transaction on a connection of Herald's non-JTA datasource, begun and committed here.
 * The group-commit writers write this way, not inside {@code @Transactional}: whether Payara puts a
 * JTA datasource's connection into the thread's transaction depends on the component context the
 * thread was made in, and a writer made on a message-driven bean's thread got connections in
 * auto-commit, every statement its own commit. Here atomicity depends on nothing but this code,
 * and the commit costs no JTA bookkeeping.
 */
public final class OwnTransaction {
    private OwnTransaction() {
    }

    /** What runs inside the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * The connection a writer thread keeps between its transactions (see {@link #keepConnections}).
     * Borrowing one from Payara's pool for every batch and giving it back cost a writer thread
     * 7 to 15 % of its time (async-profiler: pool matching, auto-commit switched on and off).
     */
    private static final ThreadLocal<Kept> KEPT = new ThreadLocal<>();

    /**
     * A kept connection idle for longer is given back and a fresh one borrowed: the pool no longer
     * sees it, and whatever cuts idle connections (PostgreSQL's idle_session_timeout, a proxy, a
     * firewall) would otherwise fail the first batch after a quiet spell.
     */
    static final long MAX_IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private static final class Kept {
        DataSource source;
        Connection connection;
        boolean busy;
        long lastUsed;

        Connection of(DataSource direct) throws SQLException {
            if (connection != null && (source != direct || System.nanoTime() - lastUsed > MAX_IDLE_NANOS)) {
                drop();
            }
            if (connection == null) {
                Connection c = direct.getConnection();
                try {
                    c.setAutoCommit(false);
                } catch (SQLException e) {
                    giveBack(c);
                    throw e;
                }
                connection = c;
                source = direct;
            }
            return connection;
        }

        void drop() {
            if (connection != null) {
                giveBack(connection);
            }
            connection = null;
            source = null;
        }
    }

    /**
     * From now on this thread keeps its connection between transactions, until {@link
     * #releaseKept}. For long-lived writer threads only: a kept connection is out of the pool.
     */
    public static void keepConnections() {
        if (KEPT.get() == null) {
            KEPT.set(new Kept());
        }
    }

    /** Gives this thread's kept connection back to the pool. */
    public static void releaseKept() {
        Kept kept = KEPT.get();
        KEPT.remove();
        if (kept != null) {
            kept.drop();
        }
    }

    /** Runs {@code work} and commits, or rolls back and rethrows what it threw. */
    public static <T> T run(DataSource direct, Work<T> work) throws SQLException {
        Kept kept = KEPT.get();
        if (kept != null && !kept.busy) {
            return runKept(kept, direct, work);
        }
        // not a writer thread, or a transaction inside the kept one's: a connection of its own
        Connection c = direct.getConnection();
        T result;
        try {
            c.setAutoCommit(false);
            result = work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            giveBack(c);
            throw e;
        }
        // Committed: what follows cannot undo it, so it must not make the caller believe otherwise.
        giveBack(c);
        return result;
    }

    private static <T> T runKept(Kept kept, DataSource direct, Work<T> work) throws SQLException {
        Connection c = kept.of(direct);
        kept.busy = true;
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            boolean usable;
            try {
                c.rollback();
                usable = c.isValid(1);
            } catch (SQLException alsoFailed) {
                e.addSuppressed(alsoFailed);
                usable = false;
            }
            // A refused batch (a duplicate eventId, say) leaves the connection as good as it was;
            // one that failed with the connection (a database restarted, a network cut) does not:
            // the next transaction takes a fresh one.
            if (!usable) {
                kept.drop();
            }
            throw e;
        } finally {
            kept.busy = false;
            kept.lastUsed = System.nanoTime();
        }
    }

    /** Back to the pool as it was lent (auto-commit on); a failure here only costs the connection. */
    private static void giveBack(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the pool validates or replaces a broken connection; OwnTransaction sets auto-commit itself
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to give back
        }
    }
}
