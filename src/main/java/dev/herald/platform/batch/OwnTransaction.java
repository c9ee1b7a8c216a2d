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

        /** The kept connection, or a fresh one when there is none, it idled too long or is another pool's. */
        Connection take(DataSource direct) throws SQLException {
            if (connection != null && (source != direct || System.nanoTime() - lastUsed > MAX_IDLE_NANOS)) {
                drop();
            }
            if (connection == null) {
                connection = borrow(direct);
                source = direct;
            }
            busy = true;
            return connection;
        }

        void putBack() {
            busy = false;
            lastUsed = System.nanoTime();
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

    /**
     * Runs {@code work} and commits, or rolls back and rethrows what it threw. On a writer thread
     * the kept connection; elsewhere, and for a transaction inside the kept one's, a connection of
     * its own, given back afterwards.
     */
    public static <T> T run(DataSource direct, Work<T> work) throws SQLException {
        Kept kept = KEPT.get();
        if (kept != null && kept.busy) {
            kept = null;
        }
        Connection c = kept != null ? kept.take(direct) : borrow(direct);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            boolean usable;
            try {
                c.rollback();
                usable = kept == null || c.isValid(1);
            } catch (SQLException alsoFailed) {
                e.addSuppressed(alsoFailed);
                usable = false;
            }
            // A refused batch (a duplicate eventId, say) leaves a kept connection as good as it
            // was; one that failed with the connection (a database restarted, a network cut) does
            // not: the next transaction takes a fresh one.
            if (kept != null && !usable) {
                kept.drop();
            }
            throw e;
        } finally {
            // after a commit nothing here may make the caller believe it failed: giveBack swallows
            if (kept != null) {
                kept.putBack();
            } else {
                giveBack(c);
            }
        }
    }

    /** A connection of the pool, in a transaction of its own until commit or rollback. */
    private static Connection borrow(DataSource direct) throws SQLException {
        Connection c = direct.getConnection();
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            giveBack(c);
            throw e;
        }
        return c;
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
