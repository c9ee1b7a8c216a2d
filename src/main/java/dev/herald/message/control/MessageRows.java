package dev.herald.message.control;

import dev.herald.platform.db.RowBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The ingest's inserts in plain JDBC on the transaction's connection: a batch of messages and
 * their deliveries written in two batched statements, with no entity kept in a persistence
 * context. Columns as Flyway's V1 made them; the same SQL runs on H2 and PostgreSQL.
 */
final class MessageRows {
    private MessageRows() {
    }

    /**
     * {@code payloadExpiresAt}: Svix's payload retention, null for the retention policy's default;
     * {@code destinations}: the deliveries it owes without rows ({@code Destinations}), or null.
     */
    record MessageRow(String id, String appId, String eventType, String eventId, String payload, String channels,
            Instant timestamp, Instant payloadExpiresAt, String destinations) {
    }

    /** A delivery that waits as pending (its endpoint is ordered or paused). */
    record DeliveryRow(String id, String msgId, String endpointId, String urlOverride, Instant createdAt) {
    }

    static boolean eventIdTaken(Connection c, String appId, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from herald_message where app_id = ? and eventId = ?")) {
            ps.setString(1, appId);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void insert(Connection c, List<MessageRow> messages, List<DeliveryRow> deliveries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into herald_message (id, channels, eventId, eventType, "
                + "payload, timestamp, app_id, payloadExpiresAt, destinations) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            RowBatch batch = new RowBatch(ps);
            for (MessageRow m : messages) {
                ps.setString(1, m.id());
                ps.setString(2, m.channels());
                ps.setString(3, m.eventId());
                ps.setString(4, m.eventType());
                ps.setString(5, m.payload());
                ps.setObject(6, at(m.timestamp()));
                ps.setString(7, m.appId());
                ps.setObject(8, m.payloadExpiresAt() == null ? null : at(m.payloadExpiresAt()));
                ps.setString(9, m.destinations());
                batch.add();
            }
            batch.execute();
        }
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into herald_delivery (id, attempts, chainStart, createdAt, "
                + "lastQueuedAt, manualChain, nextAttemptAt, status, sendingSince, sendingUntil, updatedAt, urlOverride, "
                + "version, endpoint_id, msg_id) values (?, 0, 0, ?, ?, false, ?, 'PENDING', null, null, ?, ?, 0, ?, ?)")) {
            RowBatch batch = new RowBatch(ps);
            for (DeliveryRow d : deliveries) {
                OffsetDateTime at = at(d.createdAt());
                ps.setString(1, d.id());
                ps.setObject(2, at);
                ps.setObject(3, at);
                ps.setObject(4, at);
                ps.setObject(5, at);
                ps.setString(6, d.urlOverride());
                ps.setString(7, d.endpointId());
                ps.setString(8, d.msgId());
                batch.add();
            }
            batch.execute();
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
