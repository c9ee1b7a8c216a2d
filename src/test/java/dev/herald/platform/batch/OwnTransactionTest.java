package dev.herald.platform.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OwnTransactionTest {
    /** A pool that lends connections which only log what is done to them. */
    static final class Pool {
        final List<Connection> lent = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        /** What isValid answers: false once the database has gone away under the connection. */
        boolean valid = true;

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        int n = lent.size();
                        Connection c = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {Connection.class}, (p, m, a) -> {
                                    log.add(n + " " + m.getName() + (a == null ? "" : " " + a[0]));
                                    return m.getName().equals("isValid") ? valid : null;
                                });
                        lent.add(c);
                        return c;
                    });
        }
    }

    private final Pool pool = new Pool();
    private final DataSource ds = pool.dataSource();

    @AfterEach
    void release() {
        OwnTransaction.releaseKept();
    }

    @Test
    void aWriterThreadKeepsOneConnectionAcrossItsTransactions() throws Exception {
        OwnTransaction.keepConnections();
        Connection first = OwnTransaction.run(ds, c -> c);
        Connection second = OwnTransaction.run(ds, c -> c);
        assertSame(first, second);
        assertEquals(1, pool.lent.size());
        assertEquals(List.of("0 setAutoCommit false", "0 commit", "0 commit"), pool.log);

        OwnTransaction.releaseKept();
        assertEquals(List.of("0 setAutoCommit false", "0 commit", "0 commit", "0 setAutoCommit true", "0 close"),
                pool.log);
    }

    @Test
    void afterTheConnectionFailedTheNextTransactionTakesAFreshOne() throws Exception {
        OwnTransaction.keepConnections();
        Connection first = OwnTransaction.run(ds, c -> c);
        pool.valid = false; // the database restarted under it
        assertThrows(SQLException.class, () -> OwnTransaction.run(ds, c -> {
            throw new SQLException("connection reset");
        }));
        pool.valid = true;
        Connection next = OwnTransaction.run(ds, c -> c);
        assertNotSame(first, next);
        assertEquals(List.of("0 setAutoCommit false", "0 commit", "0 rollback", "0 isValid 1", "0 setAutoCommit true",
                "0 close", "1 setAutoCommit false", "1 commit"), pool.log);
    }

    @Test
    void aRefusedBatchKeepsTheConnection() throws Exception {
        OwnTransaction.keepConnections();
        Connection first = OwnTransaction.run(ds, c -> c);
        assertThrows(IllegalStateException.class, () -> OwnTransaction.run(ds, c -> {
            throw new IllegalStateException("a message with this eventId already exists");
        }));
        assertSame(first, OwnTransaction.run(ds, c -> c));
        assertEquals(List.of("0 setAutoCommit false", "0 commit", "0 rollback", "0 isValid 1", "0 commit"), pool.log);
    }

    @Test
    void aTransactionInsideTheKeptOneDoesNotCommitIt() throws Exception {
        OwnTransaction.keepConnections();
        OwnTransaction.run(ds, outer -> OwnTransaction.run(ds, inner -> {
            assertNotSame(outer, inner);
            return null;
        }));
        // the inner one borrowed, committed and gave back a connection of its own; the kept one
        // committed once, after the inner one
        assertEquals(List.of("0 setAutoCommit false", "1 setAutoCommit false", "1 commit", "1 setAutoCommit true",
                "1 close", "0 commit"), pool.log);
    }

    @Test
    void otherThreadsBorrowAndGiveBackEveryTime() throws Exception {
        OwnTransaction.run(ds, c -> c);
        OwnTransaction.run(ds, c -> c);
        assertEquals(2, pool.lent.size());
        assertEquals(List.of("0 setAutoCommit false", "0 commit", "0 setAutoCommit true", "0 close",
                "1 setAutoCommit false", "1 commit", "1 setAutoCommit true", "1 close"), pool.log);
    }
}
