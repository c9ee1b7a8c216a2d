package dev.herald.platform.concurrent;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A connection from the JTA datasource that really is in the caller's transaction. Payara enlists
 * a connection only when the thread's component context allows it: a thread made by the
 * container's thread factory on a message-driven bean's thread (whose methods run without a
 * transaction) got connections in auto-commit inside {@code @Transactional}, so every statement
 * of a batch committed on its own. Checking costs a field read; not checking cost atomicity.
 */
public final class Enlisted {
    private Enlisted() {
    }

    public static Connection connection(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        if (c.getAutoCommit()) {
            c.close();
            throw new IllegalStateException("The datasource's connection is not in the transaction (auto-commit is on):"
                    + " this thread was made outside the application's context");
        }
        return c;
    }
}
