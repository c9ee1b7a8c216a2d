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
 * {@code first} to {@code last - 1} (as {@link IngestRowsReplay} wrote them) succeeded.
 */
public final class RecordRowsReplay {
    private RecordRowsReplay() {
    }

    public static void record(Connection c, int first, int last, String appId, String endpointId, String url)
            throws SQLException {
        Instant now = Instant.now();
        List<DeliveryRows.AttemptRow> attempts = new ArrayList<>();
        List<DeliveryRows.Ending> endings = new ArrayList<>();
        for (int n = first; n < last; n++) {
            String delivery = IngestRowsReplay.id("dlv", n);
            attempts.add(new DeliveryRows.AttemptRow(IngestRowsReplay.id("atmpt", n), appId, 1, delivery, endpointId, null,
                    "candidate.created", IngestRowsReplay.id("msg", n), "", 2, 204, 0, now, 0, url));
            endings.add(new DeliveryRows.Ending(delivery, 1, "SUCCEEDED", null));
        }
        DeliveryRows.insertAttempts(c, attempts);
        for (boolean applied : DeliveryRows.end(c, endings, now).applied()) {
            if (!applied) {
                throw new IllegalStateException("a delivery was not at the attempt the replay ended");
            }
        }
    }
}
