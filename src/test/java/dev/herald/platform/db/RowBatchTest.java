package dev.herald.platform.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writers read a batch's update counts to know which conditional updates took (a claim, a
 * record on the attempt number): row by row on H2 they must read as a batch's would.
 */
class RowBatchTest {
    Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:h2:mem:rowbatch");
        try (Statement s = c.createStatement()) {
            s.execute("create table t (id varchar(8) primary key, n int not null)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table t");
        }
        c.close();
    }

    @Test
    void countsEachRowAsABatchWould() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into t (id, n) values (?, 0)")) {
            RowBatch batch = new RowBatch(ps);
            for (int i = 0; i < 20; i++) {
                ps.setString(1, "r" + i);
                batch.add();
            }
            assertEquals(20, batch.execute().length);
        }
        // a conditional update: only rows still at the expected number take it
        try (PreparedStatement ps = c.prepareStatement("update t set n = n + 1 where id = ? and n = ?")) {
            RowBatch batch = new RowBatch(ps);
            for (String[] row : new String[][] {{"r1", "0"}, {"r2", "5"}, {"nobody", "0"}, {"r3", "0"}}) {
                ps.setString(1, row[0]);
                ps.setInt(2, Integer.parseInt(row[1]));
                batch.add();
            }
            assertArrayEquals(new int[] {1, 0, 0, 1}, batch.execute());
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select sum(n) from t")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void aFailingRowFails() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into t (id, n) values (?, 0)")) {
            RowBatch batch = new RowBatch(ps);
            ps.setString(1, "same");
            batch.add();
            ps.setString(1, "same");
            assertThrows(SQLException.class, batch::add);
        }
    }
}
