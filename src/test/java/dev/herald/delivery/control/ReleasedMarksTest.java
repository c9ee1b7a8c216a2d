package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.platform.db.SchemaRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery whose first attempt started late writes its row as being sent; when the process dies
 * during that attempt, the first sweep after the restart makes the row wait again
 * ({@link DeliveryRows#releaseMarks}) and then queues what is overdue ({@link OverdueRows}). The
 * row must be among those: a row waiting without a due time was never queued again.
 */
class ReleasedMarksTest {
    private final Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(20));
    /** When the attempt started late: 40 s after its message was accepted. */
    private final Instant startedLate = acceptedAt.plus(Duration.ofSeconds(40));
    private Connection c;

    @BeforeEach
    void schema() throws SQLException {
        c = SchemaRows.withEndpoint("released");
        try (PreparedStatement ps = c.prepareStatement("insert into herald_message (id, eventType, payload, timestamp, "
                + "app_id, destinations) values ('msg_1', 'a.b', '{}', ?, 'app_1', '0 ep_1')")) {
            ps.setObject(1, DeliveryRows.at(acceptedAt));
            ps.executeUpdate();
        }
    }

    @AfterEach
    void drop() throws SQLException {
        SchemaRows.shutdown(c);
    }

    @Test
    void aLateFirstAttemptCutShortByARestartIsQueuedAgainByTheFirstSweep() throws SQLException {
        // as DeliveryLedger writes a late first attempt's row: due when it starts, sent until its limit
        boolean[] written = DeliveryRows.materialize(c, List.of(new DeliveryRows.Owed("dlv_1", "msg_1", "ep_1", null,
                "SENDING", 0, startedLate, startedLate.plus(Duration.ofSeconds(50)))), true, startedLate);
        assertEquals(true, written[0]);

        Instant restart = startedLate.plus(Duration.ofSeconds(5)); // killed mid-attempt, started again
        assertEquals(1, DeliveryRows.releaseMarks(c, restart));
        Instant firstSweep = restart.plus(Duration.ofSeconds(10));
        List<OverdueRows.Overdue> queued = OverdueRows.select(c, restart, firstSweep.minus(Duration.ofSeconds(50)),
                firstSweep, 1000);

        assertEquals(List.of("dlv_1"), queued.stream().map(OverdueRows.Overdue::id).toList());
        assertEquals("PENDING", column("status"));
    }

    @Test
    void aRowMarkedWithoutADueTimeWaitsDueWhenItsAttemptBegan() throws SQLException {
        // as late first attempts wrote their rows until 2 December 2026: no due time
        DeliveryRows.materialize(c, List.of(new DeliveryRows.Owed("dlv_1", "msg_1", "ep_1", null, "SENDING", 0, null,
                startedLate.plus(Duration.ofSeconds(50)))), true, startedLate);

        DeliveryRows.releaseMarks(c, startedLate.plus(Duration.ofSeconds(5)));

        assertEquals(startedLate, dueAt());
    }

    private Instant dueAt() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select nextAttemptAt from herald_delivery")) {
            rs.next();
            return DeliveryRows.instant(rs, "nextAttemptAt");
        }
    }

    private Object column(String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select " + name + " from herald_delivery")) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
