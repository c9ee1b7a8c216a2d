package dev.herald.delivery.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The delivery rows the sweeper queues again ({@link Requeuer#requeueOverdue}): owed and due for
 * longer than the grace period without having been queued for as long, or marked as being sent
 * for longer than an attempt can take; on endpoints neither paused nor disabled; the earliest due
 * first, locked as they are read.
 *
 * <p>Two statements, one for each kind, so that each is read from the {@code (status,
 * nextAttemptAt)} index and touches only the rows it returns. Written as one query with
 * {@code OR} and the endpoint as {@code endpoint_id IN (select …)}, H2 2.2.224 took neither from
 * the status index (it serves no index for an {@code OR}) and walked the endpoint index instead,
 * reading every delivery row of every active endpoint at every sweep: 188,000 rows and 1.3 s
 * after a few minutes of load, and growing with everything retention keeps. The endpoint's flags
 * are a correlated {@code EXISTS}, which no planner mistakes for a way into the delivery table.
 */
final class OverdueRows {
    /** What a ticket needs of an overdue row. */
    record Overdue(String id, String endpointId, int attempts, Instant nextAttemptAt) {
    }

    private static final String COLUMNS = "select d.id, d.endpoint_id, d.attempts, d.nextAttemptAt from herald_delivery d where ";
    /** The endpoint neither paused nor disabled; then the earliest due first, as many as the caller appends. */
    private static final String ACTIVE_ENDPOINT_EARLIEST_FIRST = " and exists (select 1 from herald_endpoint e"
            + " where e.id = d.endpoint_id and e.paused = false and e.disabled = false)"
            + " order by d.nextAttemptAt fetch first ";

    /** Owed and due since before the grace period, not queued since then either; ends with "fetch first ". */
    static final String WAITING = COLUMNS + "d.status in ('PENDING', 'FAILED_WILL_RETRY') and d.nextAttemptAt < ?"
            + " and d.lastQueuedAt < ?" + ACTIVE_ENDPOINT_EARLIEST_FIRST;

    /**
     * Marked as being sent, and that mark run out (or, from before marks had an end, older than any
     * attempt); ends with "fetch first ".
     */
    static final String SENDING = COLUMNS + "d.status = 'SENDING' and d.lastQueuedAt < ? and (d.sendingUntil < ?"
            + " or (d.sendingUntil is null and d.sendingSince < ?))" + ACTIVE_ENDPOINT_EARLIEST_FIRST;

    private OverdueRows() {
    }

    /**
     * At most {@code max} overdue rows, locked for this transaction (on PostgreSQL skipping rows
     * another instance's sweep holds; H2 is one instance's and waits), earliest due first.
     *
     * @param overdue due before this and not queued since: the grace period ago
     * @param stale not queued since this: an attempt's longest run ago
     */
    static List<Overdue> select(Connection c, Instant overdue, Instant stale, Instant now, int max) throws SQLException {
        String lock = " rows only for update" + (skipsLocked(c) ? " skip locked" : "");
        List<Overdue> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(WAITING + max + lock)) {
            ps.setObject(1, DeliveryRows.at(overdue));
            ps.setObject(2, DeliveryRows.at(overdue));
            read(ps, rows);
        }
        try (PreparedStatement ps = c.prepareStatement(SENDING + max + lock)) {
            ps.setObject(1, DeliveryRows.at(stale));
            ps.setObject(2, DeliveryRows.at(now));
            ps.setObject(3, DeliveryRows.at(stale));
            read(ps, rows);
        }
        // a marked row's nextAttemptAt is its attempt's: the two lists merge in due order
        rows.sort(Comparator.comparing(Overdue::nextAttemptAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows.size() > max ? new ArrayList<>(rows.subList(0, max)) : rows;
    }

    private static void read(PreparedStatement ps, List<Overdue> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Overdue(rs.getString(1), rs.getString(2), rs.getInt(3), DeliveryRows.instant(rs, "nextAttemptAt")));
            }
        }
    }

    /** PostgreSQL skips rows locked by another transaction; H2 2.2.224 would wait for them. */
    private static boolean skipsLocked(Connection c) throws SQLException {
        return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }
}
