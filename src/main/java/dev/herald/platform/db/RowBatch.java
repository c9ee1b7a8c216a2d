package dev.herald.platform.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The rows of one prepared statement, sent as a JDBC batch where that saves round trips
 * (PostgreSQL: one pipeline for all of them) and one row at a time on H2, which runs in the
 * same process. H2 2.2.224's {@code executeBatch} builds an {@link SQLException}, stack trace
 * and all, at every call, to chain the rows' errors to: on the ingest writer that was a tenth of
 * its CPU (async-profiler), for batches of one or two messages. Row by row H2 does the same work
 * without it (its {@code executeBatch} runs each row's update in turn too). H2 2.3 no longer
 * builds it.
 *
 * <p>Use it as {@code addBatch}/{@code executeBatch}: bind a row's parameters, {@link #add()},
 * and {@link #execute()} once all rows are added. On H2 a row that fails throws from {@link #add()}
 * at once, where a batch would have run the rows after it first; Herald's writers roll back the
 * whole transaction either way.
 */
public final class RowBatch {
    private final PreparedStatement statement;
    private final boolean rowByRow;
    private int[] counts = new int[8];
    private int rows;

    public RowBatch(PreparedStatement statement) throws SQLException {
        this.statement = statement;
        this.rowByRow = statement.isWrapperFor(org.h2.jdbc.JdbcPreparedStatement.class);
    }

    /** The row whose parameters are bound: run now (H2) or added to the batch. */
    public void add() throws SQLException {
        if (!rowByRow) {
            statement.addBatch();
            return;
        }
        int count = statement.executeUpdate();
        if (rows == counts.length) {
            counts = Arrays.copyOf(counts, rows * 2);
        }
        counts[rows++] = count;
    }

    /** Each row's update count, in the order added. */
    public int[] execute() throws SQLException {
        return rowByRow ? Arrays.copyOf(counts, rows) : statement.executeBatch();
    }
}
