package dev.herald.delivery.control;

import dev.herald.message.control.RecentMessages;
import dev.herald.platform.db.RowBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of the delivery path, in plain JDBC on the transaction's connection: batched,
 * by primary key, and conditional on the attempt number, so claiming or recording an attempt
 * reads no entity graph and a stale or duplicate ticket changes nothing. The same SQL runs on H2
 * and PostgreSQL (unquoted names; Flyway's V1 made the columns).
 */
final class DeliveryRows {
    private DeliveryRows() {
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** One claim: attempt {@code attempt} may start if the row is owed and not being sent. */
    record Claim(String deliveryId, int attempt, Instant presumedLostAt) {
    }

    /** Marks each claimable row as being sent; answers, per claim, whether it was. */
    static boolean[] claim(Connection c, List<Claim> claims, Instant now) throws SQLException {
        boolean[] claimed = new boolean[claims.size()];
        if (claims.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement ps = c.prepareStatement("update herald_delivery set status = 'SENDING', sendingSince = ?, "
                + "sendingUntil = ?, updatedAt = ?, version = version + 1 where id = ? and attempts = ? and (status in "
                + "('PENDING', 'FAILED_WILL_RETRY') or (status = 'SENDING' and sendingUntil < ?))")) {
            RowBatch batch = new RowBatch(ps);
            for (Claim claim : claims) {
                ps.setObject(1, at(now));
                ps.setObject(2, at(claim.presumedLostAt()));
                ps.setObject(3, at(now));
                ps.setString(4, claim.deliveryId());
                ps.setInt(5, claim.attempt() - 1);
                ps.setObject(6, at(now));
                batch.add();
            }
            int[] counts = batch.execute();
            for (int i = 0; i < counts.length; i++) {
                claimed[i] = counts[i] == 1;
            }
        }
        return claimed;
    }

    /** A delivery row with its message, for tickets that carry no hint or whose message is not in memory. */
    record Loaded(String deliveryId, String status, int attempts, int chainStart, boolean manualChain, String urlOverride,
            Instant sendingSince, Instant sendingUntil, String msgId, String appId, String eventType, String eventId, Instant timestamp,
            String payload) {
    }

    static Map<String, Loaded> load(Connection c, Collection<String> deliveryIds) throws SQLException {
        Map<String, Loaded> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select d.id, d.status, d.attempts, d.chainStart, d.manualChain, "
                + "d.urlOverride, d.sendingSince, d.sendingUntil, m.id as msgId, m.app_id, m.eventType, m.eventId, m.timestamp, m.payload "
                + "from herald_delivery d join herald_message m on m.id = d.msg_id where d.id = ?")) {
            for (String id : deliveryIds) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        rows.put(id, new Loaded(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                rs.getBoolean(5), rs.getString(6), instant(rs, "sendingSince"), instant(rs, "sendingUntil"),
                                rs.getString("msgId"),
                                rs.getString("app_id"), rs.getString("eventType"), rs.getString("eventId"),
                                instant(rs, "timestamp"), rs.getString("payload")));
                    }
                }
            }
        }
        return rows;
    }

    /** What an attempt's end does to its delivery row. */
    record Ending(String deliveryId, int attempt, String status, Instant nextAttemptAt) {
    }

    /** Per ending, whether it was applied; and the deliveries whose pending resend started instead. */
    record Ended(boolean[] applied, java.util.Set<String> resent) {
    }

    /**
     * Applies each ending only if the row is still at that attempt. A row for which a resend was
     * asked while its attempt was under way (Svix queues a resend instead of refusing it) starts
     * that resend's chain instead: it waits again, as a manual chain. Both are conditional on
     * the attempt number, so a duplicate ticket changes nothing; the second update runs only for
     * the rows the first one did not take: under load, the first attempts that had no row.
     */
    static Ended end(Connection c, List<Ending> endings, Instant now) throws SQLException {
        boolean[] applied = new boolean[endings.size()];
        java.util.Set<String> resent = new java.util.HashSet<>();
        if (endings.isEmpty()) {
            return new Ended(applied, resent);
        }
        List<Integer> notTaken = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("update herald_delivery set attempts = ?, status = ?, "
                + "nextAttemptAt = ?, lastQueuedAt = coalesce(?, lastQueuedAt), sendingSince = null, sendingUntil = null, "
                + "updatedAt = ?, version = version + 1 where id = ? and attempts = ? and resendPending = false")) {
            RowBatch batch = new RowBatch(ps);
            for (Ending e : endings) {
                ps.setInt(1, e.attempt());
                ps.setString(2, e.status());
                ps.setObject(3, at(e.nextAttemptAt()));
                // a retry's ticket is queued right after this commit
                if (e.nextAttemptAt() != null) {
                    ps.setObject(4, at(now));
                } else {
                    ps.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
                }
                ps.setObject(5, at(now));
                ps.setString(6, e.deliveryId());
                ps.setInt(7, e.attempt() - 1);
                batch.add();
            }
            int[] counts = batch.execute();
            for (int i = 0; i < counts.length; i++) {
                applied[i] = counts[i] == 1;
                if (!applied[i]) {
                    notTaken.add(i);
                }
            }
        }
        if (notTaken.isEmpty()) {
            return new Ended(applied, resent);
        }
        try (PreparedStatement ps = c.prepareStatement("update herald_delivery set attempts = ?, resendPending = false, "
                + "chainStart = ?, manualChain = true, status = 'PENDING', nextAttemptAt = ?, sendingSince = null, "
                + "sendingUntil = null, lastQueuedAt = ?, updatedAt = ?, version = version + 1 "
                + "where id = ? and attempts = ? and resendPending = true")) {
            RowBatch batch = new RowBatch(ps);
            for (int i : notTaken) {
                Ending e = endings.get(i);
                ps.setInt(1, e.attempt());
                ps.setInt(2, e.attempt());
                ps.setObject(3, at(now));
                ps.setObject(4, at(now));
                ps.setObject(5, at(now));
                ps.setString(6, e.deliveryId());
                ps.setInt(7, e.attempt() - 1);
                batch.add();
            }
            // batched: every first attempt that succeeded without a row comes here (one round trip on PostgreSQL)
            int[] counts = batch.execute();
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == 1) {
                    int i = notTaken.get(k);
                    applied[i] = true;
                    resent.add(endings.get(i).deliveryId());
                }
            }
        }
        return new Ended(applied, resent);
    }

    /** The attempt log's rows (Svix's MessageAttemptOut), written in one batch. */
    record AttemptRow(String id, String appId, int attemptNumber, String deliveryId, String endpointId, String eventId,
            String eventType, String msgId, String response, long durationMs, int statusCode, int status,
            Instant timestamp, int triggerType, String url) {
    }

    static void insertAttempts(Connection c, List<AttemptRow> attempts) throws SQLException {
        if (attempts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into herald_attempt (id, appId, attemptNumber, deliveryId, "
                + "endpointId, eventId, eventType, msgId, response, responseDurationMs, responseStatusCode, status, "
                + "timestamp, triggerType, url) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            RowBatch batch = new RowBatch(ps);
            for (AttemptRow a : attempts) {
                ps.setString(1, a.id());
                ps.setString(2, a.appId());
                ps.setInt(3, a.attemptNumber());
                ps.setString(4, a.deliveryId());
                ps.setString(5, a.endpointId());
                ps.setString(6, a.eventId());
                ps.setString(7, a.eventType());
                ps.setString(8, a.msgId());
                ps.setString(9, a.response());
                ps.setLong(10, a.durationMs());
                ps.setInt(11, a.statusCode());
                ps.setInt(12, a.status());
                ps.setObject(13, at(a.timestamp()));
                ps.setInt(14, a.triggerType());
                ps.setString(15, a.url());
                batch.add();
            }
            batch.execute();
        }
    }

    /** Clears the failing-since marks of endpoints that just succeeded; answers the ids that were failing. */
    static List<String> clearFailing(Connection c, Collection<String> endpointIds) throws SQLException {
        List<String> recovered = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "update herald_endpoint set failingSince = null where id = ? and failingSince is not null")) {
            for (String id : endpointIds) {
                ps.setString(1, id);
                if (ps.executeUpdate() == 1) {
                    recovered.add(id);
                }
            }
        }
        return recovered;
    }

    /** Sets the failing-since mark where there is none; answers the mark now in force. */
    static Instant markFailing(Connection c, String endpointId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update herald_endpoint set failingSince = ? where id = ? and failingSince is null")) {
            ps.setObject(1, at(now));
            ps.setString(2, endpointId);
            if (ps.executeUpdate() == 1) {
                return now;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select failingSince from herald_endpoint where id = ?")) {
            ps.setString(1, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? instant(rs, "failingSince") : null;
            }
        }
    }

    /** Disables the endpoint once; answers whether this call did it. */
    static boolean disable(Connection c, String endpointId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update herald_endpoint set disabled = true, updatedAt = ? where id = ? and disabled = false")) {
            ps.setObject(1, at(now));
            ps.setString(2, endpointId);
            return ps.executeUpdate() == 1;
        }
    }

    /** The oldest delivery an endpoint still owes (by id, which is acceptance order), and how many it owes. */
    record Head(String deliveryId, String msgId, String status, int attempts, Instant nextAttemptAt,
            Instant sendingUntil, long owed) {
    }

    static Head head(Connection c, String endpointId) throws SQLException {
        long owed;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from herald_delivery where endpoint_id = ? "
                + "and status in ('PENDING', 'SENDING', 'FAILED_WILL_RETRY')")) {
            ps.setString(1, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                owed = rs.getLong(1);
            }
        }
        if (owed == 0) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("select id, msg_id, status, attempts, nextAttemptAt, sendingUntil "
                + "from herald_delivery where endpoint_id = ? and status in ('PENDING', 'SENDING', 'FAILED_WILL_RETRY') "
                + "order by id fetch first 1 rows only")) {
            ps.setString(1, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Head(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        instant(rs, "nextAttemptAt"), instant(rs, "sendingUntil"), owed) : null;
            }
        }
    }

    /** Ends a delivery that is owed but not being sent, as exhausted; answers whether it did. */
    static boolean skip(Connection c, String deliveryId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update herald_delivery set status = 'EXHAUSTED', "
                + "nextAttemptAt = null, updatedAt = ?, version = version + 1 where id = ? "
                + "and status in ('PENDING', 'FAILED_WILL_RETRY')")) {
            ps.setObject(1, at(now));
            ps.setString(2, deliveryId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Deletes the deliveries among these whose endpoint no longer exists. Nothing in the schema
     * stops an ingest that read an endpoint a moment before it was deleted from writing a
     * delivery for it (V7 dropped the foreign keys of the hot path; on H2 they never closed that
     * race either): such a row would otherwise stay owed for good, since the sweeper selects only
     * deliveries of existing endpoints. The endpoint's absence is checked here, in the row's own
     * transaction, not taken from a cached view.
     */
    static void forgetOrphans(Connection c, List<String> deliveryIds) throws SQLException {
        if (deliveryIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from herald_delivery where id = ? and not exists "
                + "(select 1 from herald_endpoint e where e.id = herald_delivery.endpoint_id)")) {
            RowBatch batch = new RowBatch(ps);
            for (String id : deliveryIds) {
                ps.setString(1, id);
                batch.add();
            }
            batch.execute();
        }
    }

    /** The messages of rowless tickets that are not in memory, as {@link RecentMessages} would hold them. */
    static Map<String, RecentMessages.Cached> loadMessages(Connection c, Collection<String> msgIds) throws SQLException {
        Map<String, RecentMessages.Cached> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, app_id, eventType, eventId, timestamp, payload from herald_message where id = ?")) {
            for (String id : msgIds) {
                if (rows.containsKey(id)) {
                    continue;
                }
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        rows.put(id, new RecentMessages.Cached(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), instant(rs, "timestamp"), rs.getString(6)));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Rows marked as being sent by a run that has ended (their mark began before {@code startedAt}),
     * for a database only this process opens: they wait again, due when their attempt began if they
     * had no due time (a first attempt that started late wrote none before 2 December 2026, and such
     * a row, waiting without one, was never found by the sweep again).
     */
    static int releaseMarks(Connection c, Instant startedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update herald_delivery set status = 'PENDING', "
                + "nextAttemptAt = coalesce(nextAttemptAt, sendingSince), sendingSince = null, sendingUntil = null "
                + "where status = 'SENDING' and sendingSince < ?")) {
            ps.setObject(1, at(startedAt));
            return ps.executeUpdate();
        }
    }

    /**
     * A row for a delivery that had none ({@link Destinations}): in {@code status} after
     * {@code attempts} attempts, waiting until {@code nextAttemptAt}, being sent until
     * {@code sendingUntil} (status SENDING). Its creation time is its message's.
     */
    record Owed(String deliveryId, String msgId, String endpointId, String urlOverride, String status, int attempts,
            Instant nextAttemptAt, Instant sendingUntil) {
    }

    /**
     * Writes each row only if the delivery has none yet (by message and endpoint: its id is derived
     * from them, and one condition with an OR would make H2 scan the table), its
     * message and endpoint still exist, and, when {@code unlessAttempted}, no attempt of it was
     * recorded: a delivery whose first attempt succeeded and was recorded is not owed again.
     * Answers, per row, whether it was written. One insert from a select each, so the checks and
     * the write are one statement on H2 and PostgreSQL alike.
     */
    static boolean[] materialize(Connection c, List<Owed> rows, boolean unlessAttempted, Instant now) throws SQLException {
        boolean[] written = new boolean[rows.size()];
        if (rows.isEmpty()) {
            return written;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into herald_delivery (id, attempts, chainStart, createdAt, "
                + "lastQueuedAt, manualChain, nextAttemptAt, status, sendingSince, sendingUntil, updatedAt, urlOverride, "
                + "version, endpoint_id, msg_id, resendPending) select ?, ?, 0, m.timestamp, ?, false, ?, ?, ?, ?, ?, ?, "
                + "0, e.id, m.id, false from herald_message m, herald_endpoint e where m.id = ? and e.id = ? "
                + "and not exists (select 1 from herald_delivery d where d.msg_id = m.id and d.endpoint_id = e.id)"
                + (unlessAttempted ? " and not exists (select 1 from herald_attempt a where a.appId = m.app_id "
                        + "and a.msgId = m.id and a.endpointId = e.id)" : ""))) {
            RowBatch batch = new RowBatch(ps);
            for (Owed o : rows) {
                boolean sending = "SENDING".equals(o.status());
                ps.setString(1, o.deliveryId());
                ps.setInt(2, o.attempts());
                ps.setObject(3, at(now));
                ps.setObject(4, at(o.nextAttemptAt()));
                ps.setString(5, o.status());
                ps.setObject(6, sending ? at(now) : null);
                ps.setObject(7, sending ? at(o.sendingUntil()) : null);
                ps.setObject(8, at(now));
                ps.setString(9, o.urlOverride());
                ps.setString(10, o.msgId());
                ps.setString(11, o.endpointId());
                batch.add();
            }
            int[] counts = batch.execute();
            for (int i = 0; i < counts.length; i++) {
                written[i] = counts[i] == 1;
            }
        }
        return written;
    }

    /**
     * Rows per statement of {@link #succeeded}: four parameters each. Every statement has this
     * many, the last one padded with rows of nulls that join nothing, so that its text never
     * changes: H2 keeps a parsed statement per text (a few per connection) and parsed this one
     * anew for every batch size, a few thousand tokens and a large tree each time, most of what
     * its sessions' caches then carried into the old generation; PostgreSQL plans a new text
     * anew too.
     */
    static final int SUCCEEDED_PER_STATEMENT = 64;
    private static final String SUCCEEDED_INSERT = "insert into herald_delivery (id, attempts, chainStart, "
            + "createdAt, lastQueuedAt, manualChain, nextAttemptAt, status, sendingSince, sendingUntil, updatedAt, "
            + "urlOverride, version, endpoint_id, msg_id, resendPending) select v.id, 1, 0, m.timestamp, ?, false, "
            + "null, 'SUCCEEDED', null, null, ?, v.url, 0, e.id, m.id, false from (values "
            + String.join(", ", Collections.nCopies(SUCCEEDED_PER_STATEMENT, "(cast(? as varchar(40)), "
                    + "cast(? as varchar(40)), cast(? as varchar(40)), cast(? as varchar(2048)))"))
            + ") v (id, msg, ep, url) join herald_message m on m.id = v.msg join herald_endpoint e on e.id = v.ep "
            + "where not exists (select 1 from herald_delivery d where d.msg_id = m.id and d.endpoint_id = e.id)";

    /**
     * Ends the rows of first attempts that succeeded without a row of their own
     * ({@link SucceededRows}): writes each row, already ended, unless one exists, its message or
     * endpoint is gone; a row written meanwhile for the first attempt (a late claim, a pause,
     * the sweep) is ended instead if it is still before that attempt, and one whose resend was
     * asked for during the attempt (Svix queues a resend then) starts that resend's chain: its
     * ticket is in the answer, to queue after the commit. One statement for many rows:
     * PostgreSQL planned the per-row form of this insert (a join and an anti-join) for every row
     * of a batch, and the planning cost more than the write.
     */
    static List<DeliveryQueue.Ticket> succeeded(Connection c, List<Owed> rows, Instant now) throws SQLException {
        Map<String, Owed> unique = new java.util.LinkedHashMap<>();
        for (Owed o : rows) {
            unique.putIfAbsent(o.deliveryId(), o); // a duplicate ticket's second success names the same row
        }
        List<Owed> all = new ArrayList<>(unique.values());
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement(SUCCEEDED_INSERT)) {
            for (int from = 0; from < all.size(); from += SUCCEEDED_PER_STATEMENT) {
                List<Owed> chunk = all.subList(from, Math.min(all.size(), from + SUCCEEDED_PER_STATEMENT));
                ps.setObject(1, at(now));
                ps.setObject(2, at(now));
                int p = 3;
                for (int i = 0; i < SUCCEEDED_PER_STATEMENT; i++) {
                    Owed o = i < chunk.size() ? chunk.get(i) : null;
                    ps.setString(p++, o == null ? null : o.deliveryId());
                    ps.setString(p++, o == null ? null : o.msgId());
                    ps.setString(p++, o == null ? null : o.endpointId());
                    ps.setString(p++, o == null ? null : o.urlOverride());
                }
                inserted += ps.executeUpdate();
            }
        }
        if (inserted == all.size()) {
            return List.of(); // under load: nothing else wrote any of these rows
        }
        List<Owed> notEnded = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("update herald_delivery set attempts = 1, status = 'SUCCEEDED', "
                + "nextAttemptAt = null, sendingSince = null, sendingUntil = null, updatedAt = ?, version = version + 1 "
                + "where id = ? and attempts = 0 and resendPending = false")) {
            RowBatch batch = new RowBatch(ps);
            for (Owed o : all) {
                ps.setObject(1, at(now));
                ps.setString(2, o.deliveryId());
                batch.add();
            }
            int[] counts = batch.execute();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1) {
                    notEnded.add(all.get(i)); // mostly the rows just inserted: the update below finds none of them
                }
            }
        }
        List<DeliveryQueue.Ticket> resent = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("update herald_delivery set attempts = 1, resendPending = false, "
                + "chainStart = 1, manualChain = true, status = 'PENDING', nextAttemptAt = ?, sendingSince = null, "
                + "sendingUntil = null, lastQueuedAt = ?, updatedAt = ?, version = version + 1 "
                + "where id = ? and attempts = 0 and resendPending = true")) {
            RowBatch batch = new RowBatch(ps);
            for (Owed o : notEnded) {
                ps.setObject(1, at(now));
                ps.setObject(2, at(now));
                ps.setObject(3, at(now));
                ps.setString(4, o.deliveryId());
                batch.add();
            }
            int[] counts = batch.execute();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    resent.add(new DeliveryQueue.Ticket(notEnded.get(i).deliveryId(), notEnded.get(i).endpointId(), 2, 0));
                }
            }
        }
        return resent;
    }
}
