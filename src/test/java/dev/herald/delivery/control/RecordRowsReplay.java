package dev.herald.delivery.control;

import dev.herald.message.control.IngestRowsReplay;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The record writer's statements ({@link DeliveryRows#insertAttempts}, {@link DeliveryRows#end})
 * for the store replay ({@code dev.herald.bench.StoreReplay}): the first attempts of deliveries
 * {@code first} to {@code last - 1} (as {@link IngestRowsReplay} wrote them) succeeded, written
 * as Herald writes them or as a design would ({@link Pattern}).
 */
public final class RecordRowsReplay {
    private RecordRowsReplay() {
    }

    public static void record(Connection c, int first, int last, String appId, String endpointId, String url,
            Pattern pattern) throws SQLException {
        Instant now = Instant.now();
        List<DeliveryRows.AttemptRow> attempts = new ArrayList<>();
        List<DeliveryRows.Ending> endings = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int n = first; n < last; n++) {
            String delivery = IngestRowsReplay.id("dlv", n);
            attempts.add(new DeliveryRows.AttemptRow(IngestRowsReplay.id("atmpt", n), appId, 1, delivery, endpointId, null,
                    "candidate.created", IngestRowsReplay.id("msg", n), "", 2, 204, 0, now, 0, url));
            endings.add(new DeliveryRows.Ending(delivery, 1, "SUCCEEDED", null));
            messages.add(IngestRowsReplay.id("msg", n));
        }
        DeliveryRows.insertAttempts(c, attempts);
        if (pattern == Pattern.NO_ROW_FOR_A_FIRST_SUCCESS) {
            return;
        }
        if (pattern == Pattern.ROW_WRITTEN_BY_THE_RECORD) {
            insertEnded(c, endings, messages, endpointId, now);
            return;
        }
        if (pattern == Pattern.ROWS_WRITTEN_BEHIND) {
            if (first == 0) { // a new run, on a new database
                behind.clear();
            }
            for (int i = 0; i < endings.size(); i++) {
                behind.add(new DeliveryRows.Owed(endings.get(i).deliveryId(), messages.get(i), endpointId, null,
                        "SUCCEEDED", 1, null, null));
            }
            if (behind.size() >= BEHIND) {
                DeliveryRows.succeeded(c, behind, now);
                behind.clear();
            }
            return;
        }
        for (boolean applied : DeliveryRows.end(c, endings, now).applied()) {
            if (!applied) {
                throw new IllegalStateException("a delivery was not at the attempt the replay ended");
            }
        }
    }

    /** How a recorded first attempt that succeeded is written. */
    public enum Pattern {
        /** Herald's before V8: the delivery row written at ingest is ended by an UPDATE. */
        UPDATE_THE_INGEST_ROW,
        /** A design: no row at ingest; the record inserts the delivery row in its final state. */
        ROW_WRITTEN_BY_THE_RECORD,
        /** A design: no delivery row at all for a first attempt that succeeded; its attempt row says so. */
        NO_ROW_FOR_A_FIRST_SUCCESS,
        /**
         * Herald's since V8: no row at ingest; the ended rows of first attempts that succeeded are
         * written later, {@link #BEHIND} at a time ({@link SucceededRows}).
         */
        ROWS_WRITTEN_BEHIND
    }

    /** How many ended rows {@link Pattern#ROWS_WRITTEN_BEHIND} writes at once (a quarter second at 1,000 msg/s). */
    static final int BEHIND = Integer.getInteger("replay.behind", 256);
    private static final List<DeliveryRows.Owed> behind = new ArrayList<>();

    /** The final delivery rows as one insert (a design's statement, not Herald's: see {@link Pattern}). */
    private static void insertEnded(Connection c, List<DeliveryRows.Ending> endings, List<String> messages,
            String endpointId, Instant now) throws SQLException {
        try (var ps = c.prepareStatement("insert into herald_delivery (id, attempts, chainStart, createdAt, lastQueuedAt, "
                + "manualChain, status, updatedAt, version, endpoint_id, msg_id) values (?, 1, 0, ?, ?, false, ?, ?, 1, ?, ?)")) {
            var at = now.atOffset(java.time.ZoneOffset.UTC);
            for (int i = 0; i < endings.size(); i++) {
                DeliveryRows.Ending e = endings.get(i);
                ps.setString(1, e.deliveryId());
                ps.setObject(2, at);
                ps.setObject(3, at);
                ps.setString(4, e.status());
                ps.setObject(5, at);
                ps.setString(6, endpointId);
                ps.setString(7, messages.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
