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

    /** Runs {@code work} and commits, or rolls back and rethrows what it threw. */
    public static <T> T run(DataSource direct, Work<T> work) throws SQLException {
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
