package dev.herald.delivery.control;

import dev.herald.platform.HeraldResources;
import dev.herald.platform.Times;
import dev.herald.platform.batch.OwnTransaction;
import dev.herald.platform.durable.DurableWrites;
import dev.herald.platform.lease.Leases;
import dev.herald.subscription.control.EndpointView;
import dev.herald.subscription.control.EndpointViews;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes the rows that deliveries owed without one ({@link Destinations}) still lack once no
 * first attempt of theirs can be running: their ticket was lost (the process died, the broker
 * dropped it), or their success's row was ({@link SucceededRows}). It walks the messages that
 * name destinations in the order they were accepted, from where it last stopped (the
 * {@code herald_sweep_mark} row), up to a whole in-flight limit ago, or on H2 up to this
 * process's start after a restart (nothing of the run before can still be sending). For each
 * destination without a row: a recorded success gets its ended row; anything else a pending row
 * and a ticket. Those rows exist for nearly every destination by then, so a page costs one read
 * of the messages and one of their delivery rows. One instance at a time (a lease).
 */
@ApplicationScoped
public class RowlessSweep {
    static final String JOB = "rowless-sweep";
    static final int PAGE = 500;
    /** Pages between renewals of the lease: a sweep goes on until it has caught up. */
    static final int PAGES_PER_LEASE = 10;
    /**
     * Short, because an instance that dies while sweeping keeps it until it runs out, and with it
     * the catch-up of the tickets that instance lost: the other instances' sweeps wait that long
     * (it was 5 minutes). A page takes well under a second; should one take three, a second
     * instance may sweep the same messages at once, which is safe: a row is written once (its
     * id is the key), only the instance whose insert wrote it queues its ticket, and the other's
     * page fails on that row and is read again by its next sweep.
     */
    static final Duration LEASE = Duration.ofSeconds(30);

    @Resource(lookup = HeraldResources.DIRECT_DATASOURCE)
    DataSource direct;

    @Inject
    DeliverySettings settings;

    @Inject
    EndpointViews views;

    @Inject
    DeliveryQueue queue;

    @Inject
    DurableWrites durable;

    @Inject
    Leases leases;

    /**
     * Whether only this process can open the database (H2's file is locked while open): then,
     * right after a start, nothing of the run before can still be sending.
     */
    public boolean exclusiveDatabase() {
        try (Connection c = direct.getConnection()) {
            String url = c.getMetaData().getURL();
            return url != null && url.startsWith("jdbc:h2:");
        } catch (SQLException e) {
            return false;
        }
    }

    /** What one sweep did. */
    public record Swept(int messages, int pending, int succeeded) {
    }

    /**
     * Sweeps messages accepted before {@code before}, a restart of the only process that can
     * open the database; with null, those whose first attempts cannot be running any more: older
     * than the in-flight limit of each destination's endpoint (its own timeout, else the server's).
     */
    public Swept sweep(Instant before) {
        boolean afterRestart = before != null;
        Instant cutoff = afterRestart ? before : Times.now().minus(settings.inFlightLimit(null));
        if (!leases.acquire(JOB, LEASE)) {
            return new Swept(0, 0, 0);
        }
        try {
            int messages = 0;
            int pending = 0;
            int succeeded = 0;
            for (int page = 1; ; page++) {
                List<DeliveryQueue.Ticket> tickets = new ArrayList<>();
                int[] counts = OwnTransaction.run(direct, c -> page(c, cutoff, afterRestart, tickets));
                queue.enqueue(tickets);
                messages += counts[0];
                pending += counts[1];
                succeeded += counts[2];
                if (counts[0] < PAGE) {
                    break;
                }
                // a backlog (Herald was down, or this is the first sweep in a while): go on, under the lease
                if (page % PAGES_PER_LEASE == 0 && !leases.acquire(JOB, LEASE)) {
                    break;
                }
            }
            if (pending + succeeded > 0) {
                durable.request();
            }
            return new Swept(messages, pending, succeeded);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot sweep rowless deliveries: " + e.getMessage(), e);
        } finally {
            leases.release(JOB);
        }
    }

    record Named(String msgId, String appId, Instant timestamp, List<Destinations.Destination> destinations) {
    }

    /** One page: answers messages looked at, pending rows written, ended rows written. */
    private int[] page(Connection c, Instant cutoff, boolean afterRestart, List<DeliveryQueue.Ticket> tickets)
            throws SQLException {
        Instant mark;
        try (PreparedStatement ps = c.prepareStatement("select mark from herald_sweep_mark where name = 'rowless'")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new int[] {0, 0, 0};
                }
                mark = DeliveryRows.instant(rs, "mark");
            }
        }
        // In the timestamp index's order alone, so the database reads one page of it and sorts nothing.
        List<Named> read = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, app_id, timestamp, destinations from herald_message "
                + "where timestamp > ? and timestamp < ? and destinations is not null order by timestamp "
                + "fetch first " + (PAGE + 1) + " rows only")) {
            ps.setObject(1, DeliveryRows.at(mark));
            ps.setObject(2, DeliveryRows.at(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.add(new Named(rs.getString("id"), rs.getString("app_id"), DeliveryRows.instant(rs, "timestamp"),
                            Destinations.parse(rs.getString("destinations"))));
                }
            }
        }
        Page page = lookAt(read, PAGE, afterRestart ? m -> true : this::ripe);
        List<Named> named = page.messages();
        if (named.isEmpty()) {
            return new int[] {0, 0, 0};
        }
        Set<String> withRow = rowsOf(c, named);
        Instant now = Times.now();
        List<DeliveryRows.Owed> ended = new ArrayList<>();
        List<DeliveryRows.Owed> owed = new ArrayList<>();
        List<DeliveryQueue.Ticket> owedTickets = new ArrayList<>();
        for (Named m : named) {
            for (Destinations.Destination d : m.destinations()) {
                String deliveryId = Destinations.deliveryId(m.msgId(), d.index());
                if (withRow.contains(m.msgId() + " " + d.endpointId())) {
                    continue;
                }
                int[] attempts = attempts(c, m.appId(), m.msgId(), d.endpointId());
                if (attempts[1] > 0) {
                    ended.add(new DeliveryRows.Owed(deliveryId, m.msgId(), d.endpointId(), d.urlOverride(), "SUCCEEDED",
                            attempts[0], null, null));
                    continue;
                }
                owed.add(new DeliveryRows.Owed(deliveryId, m.msgId(), d.endpointId(), d.urlOverride(), "PENDING", attempts[0],
                        now, null));
                EndpointView view = views.byId(d.endpointId());
                owedTickets.add(view == null || view.paused() || view.disabled() ? null
                        : new DeliveryQueue.Ticket(deliveryId, d.endpointId(), attempts[0] + 1, 0));
            }
        }
        boolean[] written = DeliveryRows.materialize(c, owed, false, now);
        int pending = 0;
        for (int i = 0; i < written.length; i++) {
            if (written[i]) {
                pending++;
                if (owedTickets.get(i) != null) {
                    tickets.add(owedTickets.get(i));
                }
            }
        }
        int succeeded = 0;
        for (boolean w : DeliveryRows.materialize(c, ended, false, now)) {
            succeeded += w ? 1 : 0;
        }
        Named last = named.get(named.size() - 1);
        try (PreparedStatement ps = c.prepareStatement(
                "update herald_sweep_mark set mark = ?, msgId = ? where name = 'rowless'")) {
            ps.setObject(1, DeliveryRows.at(last.timestamp()));
            ps.setString(2, last.msgId());
            ps.executeUpdate();
        }
        return new int[] {page.more() ? PAGE : named.size(), pending, succeeded};
    }

    /** The messages a page looks at, and whether the next page may follow at once (this one was full). */
    record Page(List<Named> messages, boolean more) {
    }

    /**
     * Which of the messages read in the order they were accepted (at most {@code size} + 1) this
     * page looks at: those before the first that is left for later, because it is beyond the page
     * or not yet {@code ripe} (an endpoint with a longer timeout: it and all after it wait). The
     * mark then moves to the last one's instant and the next page reads after that instant, so the
     * messages that share their instant with the one left for later are left too: taken, they
     * would move the mark past it, and it would never be looked at. (A whole page within one
     * instant is taken as it is, or the sweep would read it again and again.)
     */
    static Page lookAt(List<Named> read, int size, java.util.function.Predicate<Named> ripe) {
        List<Named> taken = new ArrayList<>();
        Named left = null;
        boolean beyond = false;
        for (Named m : read) {
            if (taken.size() == size) {
                left = m;
                beyond = true;
                break;
            }
            if (!ripe.test(m)) {
                left = m;
                break;
            }
            taken.add(m);
        }
        if (left == null) {
            return new Page(taken, false);
        }
        Instant instant = left.timestamp();
        List<Named> before = taken.stream().filter(m -> m.timestamp().isBefore(instant)).toList();
        if (before.isEmpty() && beyond) {
            return new Page(taken, true);
        }
        return new Page(before, beyond);
    }

    /** Whether no first attempt of this message's destinations can still be under way. */
    private boolean ripe(Named m) {
        Instant now = Times.now();
        for (Destinations.Destination d : m.destinations()) {
            EndpointView view = views.byId(d.endpointId());
            Integer timeout = view == null ? null : view.contract().timeoutMs();
            if (m.timestamp().plus(settings.inFlightLimit(timeout)).isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    /** Messages per look-up of {@link #rowsOf}, padded with nulls: one statement text (see DeliveryRows.succeeded). */
    private static final int ROWS_OF_PER_STATEMENT = 50;
    private static final String ROWS_OF = "select msg_id, endpoint_id from herald_delivery where msg_id in ("
            + String.join(", ", Collections.nCopies(ROWS_OF_PER_STATEMENT, "?")) + ")";

    /** "msgId endpointId" of every delivery row these messages have. */
    private static Set<String> rowsOf(Connection c, List<Named> named) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(ROWS_OF)) {
            for (int from = 0; from < named.size(); from += ROWS_OF_PER_STATEMENT) {
                for (int i = 0; i < ROWS_OF_PER_STATEMENT; i++) {
                    ps.setString(i + 1, from + i < named.size() ? named.get(from + i).msgId() : null);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
            }
        }
        return rows;
    }

    /** How many attempts of this delivery were recorded, and how many of them succeeded. */
    private static int[] attempts(Connection c, String appId, String msgId, String endpointId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*), coalesce(sum(case when status = 0 then 1 else 0 end), 0) "
                + "from herald_attempt where appId = ? and msgId = ? and endpointId = ?")) {
            ps.setString(1, appId);
            ps.setString(2, msgId);
            ps.setString(3, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }
}
