package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.message.control.IngestRowsReplay;
import dev.herald.platform.db.SchemaRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DeliveryRows#succeeded} on Herald's schema in an in-memory H2 (the version Payara Micro
 * bundles): the statement has a fixed number of rows, padded with nulls, and a batch of any size
 * must still end exactly the deliveries it names.
 */
class SucceededRowsStatementTest {
    private static final int MESSAGES = 2 * DeliveryRows.SUCCEEDED_PER_STATEMENT + 7; // three statements, the last padded

    private Connection c;

    @BeforeEach
    void schema() throws SQLException {
        c = SchemaRows.withEndpoint("succeeded");
        IngestRowsReplay.insert(c, 0, MESSAGES, "app_1", "ep_1", "", false);
    }

    @AfterEach
    void drop() throws SQLException {
        SchemaRows.shutdown(c);
    }

    @Test
    void everyNamedDeliveryEndsOnceWhateverTheBatchSize() throws SQLException {
        Instant now = Instant.now();
        // one delivery already has a row, written by a late claim before its first attempt
        DeliveryRows.materialize(c, List.of(owed(3, "PENDING")), false, now);
        List<DeliveryRows.Owed> batch = new ArrayList<>();
        for (int n = 0; n < MESSAGES; n++) {
            batch.add(owed(n, "SUCCEEDED"));
        }
        batch.add(owed(5, "SUCCEEDED")); // a duplicate ticket's second success
        batch.add(new DeliveryRows.Owed("dlv_gone", "msg_gone", "ep_1", null, "SUCCEEDED", 1, null, null));

        DeliveryRows.succeeded(c, batch, now);

        Map<String, String> rows = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select msg_id, status, attempts, count(*) over (partition by msg_id) "
                        + "from herald_delivery")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2) + "/" + rs.getInt(3) + "/" + rs.getInt(4));
            }
        }
        assertEquals(MESSAGES, rows.size(), "one row per message, none for a message that is gone");
        for (int n = 0; n < MESSAGES; n++) {
            assertEquals("SUCCEEDED/1/1", rows.get(IngestRowsReplay.id("msg", n)), "message " + n);
        }
    }

    @Test
    void aResendAskedDuringTheFirstAttemptStartsItsChainWhenTheSuccessIsWritten() throws SQLException {
        Instant now = Instant.now();
        // Redelivery during the attempt: a row in SENDING before any attempt, its resend pending
        DeliveryRows.materialize(c, List.of(new DeliveryRows.Owed(IngestRowsReplay.id("dlv", 2), IngestRowsReplay.id("msg", 2),
                "ep_1", null, "SENDING", 0, null, now.plusSeconds(60))), false, now);
        try (Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("update herald_delivery set resendPending = true"));
        }

        List<DeliveryQueue.Ticket> resent = DeliveryRows.succeeded(c, List.of(owed(1, "SUCCEEDED"), owed(2, "SUCCEEDED")), now);

        assertEquals(List.of(new DeliveryQueue.Ticket(IngestRowsReplay.id("dlv", 2), "ep_1", 2, 0)), resent,
                "the resend's first attempt is queued, numbered after the attempt that succeeded");
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select msg_id, status, attempts, resendPending, manualChain from herald_delivery "
                        + "order by msg_id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + "/" + rs.getInt(3) + "/" + rs.getBoolean(4) + "/"
                        + rs.getBoolean(5));
            }
            assertEquals(List.of(IngestRowsReplay.id("msg", 1) + " SUCCEEDED/1/false/false",
                    IngestRowsReplay.id("msg", 2) + " PENDING/1/false/true"), rows);
        }
    }

    private static DeliveryRows.Owed owed(int n, String status) {
        return new DeliveryRows.Owed(IngestRowsReplay.id("dlv", n), IngestRowsReplay.id("msg", n), "ep_1", null, status,
                "PENDING".equals(status) ? 0 : 1, null, null);
    }
}
