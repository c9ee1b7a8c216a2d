package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.db.SchemaRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OverdueRows} on Herald's schema in an in-memory H2 (the version Payara Micro bundles),
 * beside many ended deliveries, as a database looks after days of traffic: the sweep must find
 * exactly the overdue rows of active endpoints, earliest due first, and read only those.
 */
class OverdueRowsTest {
    private static final int ENDED = 20_000;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant overdue = now.minus(Duration.ofMinutes(5)); // the sweeper's grace
    private final Instant stale = now.minus(Duration.ofSeconds(50)); // an attempt's longest run
    private Connection c;

    @BeforeEach
    void schema() throws SQLException {
        c = SchemaRows.withEndpoint("overdue");
        SchemaRows.endpoint(c, "ep_paused", "app_1", true, false);
        SchemaRows.endpoint(c, "ep_disabled", "app_1", false, true);
        c.setAutoCommit(false);
        Instant longAgo = now.minus(Duration.ofHours(2));
        for (int n = 0; n < ENDED; n++) {
            row("dlv_ended_" + n, "ep_1", "SUCCEEDED", null, longAgo, null, null);
        }
        row("dlv_pending_due", "ep_1", "PENDING", now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(20)), null, null);
        row("dlv_retry_due", "ep_1", "FAILED_WILL_RETRY", now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(30)),
                null, null);
        row("dlv_pending_recent", "ep_1", "PENDING", now.minus(Duration.ofMinutes(1)), now.minus(Duration.ofMinutes(1)), null, null);
        row("dlv_pending_queued_lately", "ep_1", "PENDING", now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(1)),
                null, null);
        row("dlv_sending_ran_out", "ep_1", "SENDING", now.minus(Duration.ofMinutes(15)), now.minus(Duration.ofMinutes(15)),
                now.minus(Duration.ofMinutes(15)), now.minus(Duration.ofMinutes(14)));
        row("dlv_sending_unmarked_old", "ep_1", "SENDING", now.minus(Duration.ofMinutes(5)), now.minus(Duration.ofMinutes(5)),
                now.minus(Duration.ofMinutes(5)), null);
        row("dlv_sending_now", "ep_1", "SENDING", now.minus(Duration.ofMinutes(12)), now.minus(Duration.ofMinutes(12)),
                now.minus(Duration.ofSeconds(1)), now.plus(Duration.ofSeconds(30)));
        row("dlv_paused_due", "ep_paused", "PENDING", now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(40)),
                null, null);
        row("dlv_disabled_due", "ep_disabled", "PENDING", now.minus(Duration.ofMinutes(40)),
                now.minus(Duration.ofMinutes(40)), null, null);
        c.commit();
    }

    @AfterEach
    void drop() throws SQLException {
        SchemaRows.shutdown(c);
    }

    @Test
    void findsTheOverdueRowsOfActiveEndpointsEarliestDueFirst() throws SQLException {
        List<String> ids = ids(OverdueRows.select(c, overdue, stale, now, 1000));
        assertEquals(List.of("dlv_pending_due", "dlv_sending_ran_out", "dlv_retry_due", "dlv_sending_unmarked_old"), ids);
        c.commit();
    }

    @Test
    void takesAtMostAsManyAsAskedTheEarliestDue() throws SQLException {
        assertEquals(List.of("dlv_pending_due", "dlv_sending_ran_out"), ids(OverdueRows.select(c, overdue, stale, now, 2)));
        c.commit();
    }

    /** What made the sweep cost more with every retained delivery: a plan that walks them all. */
    @Test
    void readsOnlyTheRowsItReturnsHoweverManyHaveEnded() throws SQLException {
        int waiting = scanned(OverdueRows.WAITING + 1000 + " rows only", overdue, overdue);
        int sending = scanned(OverdueRows.SENDING + 1000 + " rows only", stale, now, stale);
        assertTrue(waiting <= 10 && sending <= 10,
                "scanned " + waiting + " and " + sending + " rows among " + ENDED + " ended deliveries");
    }

    /** Rows H2 read for the statement (the sum of its plan's scan counts). */
    private int scanned(String sql, Instant... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("explain analyze " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, DeliveryRows.at(parameters[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Matcher m = SCAN_COUNT.matcher(rs.getString(1));
                int sum = 0;
                while (m.find()) {
                    sum += Integer.parseInt(m.group(1));
                }
                return sum;
            }
        }
    }

    private static List<String> ids(List<OverdueRows.Overdue> rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.id()));
        return ids;
    }

    private void row(String id, String endpoint, String status, Instant next, Instant lastQueued, Instant sendingSince,
            Instant sendingUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into herald_delivery (id, attempts, chainStart, createdAt, "
                + "lastQueuedAt, manualChain, nextAttemptAt, sendingSince, sendingUntil, status, updatedAt, version, "
                + "endpoint_id, msg_id) values (?, 1, 0, ?, ?, false, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            ps.setString(1, id);
            ps.setObject(2, DeliveryRows.at(now.minus(Duration.ofHours(3))));
            ps.setObject(3, lastQueued == null ? null : DeliveryRows.at(lastQueued));
            ps.setObject(4, next == null ? null : DeliveryRows.at(next));
            ps.setObject(5, sendingSince == null ? null : DeliveryRows.at(sendingSince));
            ps.setObject(6, sendingUntil == null ? null : DeliveryRows.at(sendingUntil));
            ps.setString(7, status);
            ps.setObject(8, DeliveryRows.at(now));
            ps.setString(9, endpoint);
            ps.setString(10, "msg_" + id);
            ps.executeUpdate();
        }
    }
}
