package dev.herald.message.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest writer's statements ({@link MessageRows#insert}) for the store replay
 * ({@code dev.herald.bench.StoreReplay}): messages {@code first} to {@code last - 1}, each owing
 * one delivery, as a plain create to one endpoint is: named by the message row (V8's ingest), or
 * with a delivery row of its own (before V8).
 */
public final class IngestRowsReplay {
    private IngestRowsReplay() {
    }

    /** Without {@code deliveries}, the message rows alone, each naming its delivery as a destination. */
    public static void insert(Connection c, int first, int last, String appId, String endpointId, String payloadPad,
            boolean deliveries) throws SQLException {
        Instant now = Instant.now();
        List<MessageRows.MessageRow> messages = new ArrayList<>();
        List<MessageRows.DeliveryRow> rows = new ArrayList<>();
        for (int n = first; n < last; n++) {
            messages.add(new MessageRows.MessageRow(id("msg", n), appId, "candidate.created", null,
                    "{\"seq\":" + n + ",\"type\":\"candidate.created\",\"pad\":\"" + payloadPad + "\"}", null, now, null,
                    deliveries ? null : "0 " + endpointId));
            rows.add(new MessageRows.DeliveryRow(id("dlv", n), id("msg", n), endpointId, null, now));
        }
        MessageRows.insert(c, messages, deliveries ? rows : List.of());
    }

    /** Ids that sort in creation order, as Herald's ULIDs do. */
    public static String id(String prefix, int n) {
        return prefix + "_" + String.format("%026d", n);
    }
}
