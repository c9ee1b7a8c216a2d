package dev.herald.message.control;

import dev.herald.app.entity.Application;
import dev.herald.delivery.control.DeliveryQueue;
import dev.herald.delivery.control.Destinations;
import dev.herald.message.entity.Message;
import dev.herald.platform.HeraldResources;
import dev.herald.platform.json.JsonText;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.control.EndpointView;
import dev.herald.subscription.control.EndpointViews;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import dev.herald.platform.batch.OwnTransaction;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes a batch of API messages in one transaction: the message rows, which name the deliveries
 * whose first attempt starts at once ({@link Destinations}), and a pending delivery row for each
 * matching endpoint that is ordered or paused, in two batched inserts. Nothing is queued here: the caller queues
 * the tickets once this has committed (see {@link IngestBatcher}), so the commit is the
 * database's alone, with no two-phase commit across the broker. Endpoints come from memory
 * ({@link EndpointViews}), already matched and with nothing to decrypt.
 */
@ApplicationScoped
public class BatchWriter {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Ingest ingest;

    @Inject
    EndpointViews endpoints;

    @Inject
    RecentMessages recent;

    @Inject
    dev.herald.delivery.control.DeliveryPause pause;

    @Resource(lookup = HeraldResources.DIRECT_DATASOURCE)
    DataSource dataSource;

    /** The messages written (in the batch's order) and the tickets their deliveries need. */
    public record Written(List<Message> messages, List<DeliveryQueue.Ticket> tickets) {
    }

    /** Outside JTA: the rows in one transaction of its own (OwnTransaction), reads through the entity manager as they come. */
    public Written write(List<IngestBatcher.Work> batch) {
        List<Message> out = new ArrayList<>(batch.size());
        List<DeliveryQueue.Ticket> tickets = new ArrayList<>();
        List<MessageRows.MessageRow> messageRows = new ArrayList<>(batch.size());
        List<MessageRows.DeliveryRow> deliveryRows = new ArrayList<>();
        List<Integer> firstAttempts = new ArrayList<>(batch.size()); // per message row: its tickets
        try {
            OwnTransaction.run(dataSource, c -> {
                for (IngestBatcher.Work w : batch) {
                    Map<String, String> overrides = Map.of();
                    if (!w.endpointUrls().isEmpty()) {
                        Application app = em.find(Application.class, w.appId());
                        if (app == null) {
                            throw Problem.notFound("Application", w.appId());
                        }
                        overrides = ingest.resolveOverrides(app, w.endpointUrls());
                    }
                    if (w.eventId() != null && (MessageRows.eventIdTaken(c, w.appId(), w.eventId())
                            || messageRows.stream().anyMatch(m -> w.appId().equals(m.appId()) && w.eventId().equals(m.eventId())))) {
                        throw Problem.conflict("A message with eventId '" + w.eventId() + "' already exists in this application");
                    }
                    // A value for the answer, not a managed entity: the row is written below in plain
                    // JDBC, and no persistence context is opened for a batch that needs none.
                    Message message = new Message(null, w.eventType(), w.payload(), w.eventId());
                    String channels = w.channels() == null || w.channels().isEmpty() ? null : JsonText.ofList(w.channels());
                    message.setChannels(channels);
                    List<Destinations.Destination> rowless = new ArrayList<>();
                    int index = 0;
                    for (EndpointView endpoint : endpoints.enabled(w.appId())) {
                        if (endpoint.matches(w.eventType(), w.channels())) {
                            String override = overrides.containsKey(endpoint.id()) ? overrides.get(endpoint.id())
                                    : endpoint.namesEventType(w.eventType()) ? overrides.get("*") : null;
                            String id = Destinations.deliveryId(message.getId(), index);
                            // Its first attempt starts at once: no row, the message names it, and the ticket
                            // queued after the commit is the claim (Destinations). An ordered or paused
                            // endpoint's delivery waits as a pending row.
                            boolean now = !endpoint.paused() && !endpoint.contract().ordered() && !pause.isPaused();
                            if (now) {
                                rowless.add(new Destinations.Destination(index, endpoint.id(), override));
                            } else {
                                deliveryRows.add(new MessageRows.DeliveryRow(id, message.getId(), endpoint.id(), override,
                                        message.getTimestamp()));
                            }
                            tickets.add(new DeliveryQueue.Ticket(id, endpoint.id(), 1, 0,
                                    new DeliveryQueue.Hint(message.getId(), 1, false, override, now)));
                            index++;
                        }
                    }
                    messageRows.add(new MessageRows.MessageRow(message.getId(), w.appId(), w.eventType(), w.eventId(),
                            w.payload(), channels, message.getTimestamp(),
                            w.payloadRetention() == null ? null : message.getTimestamp().plus(w.payloadRetention()),
                            Destinations.format(rowless)));
                    firstAttempts.add(index);
                    out.add(message);
                }
                MessageRows.insert(c, messageRows, deliveryRows);
                return null;
            });
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                // an integrity violation: the application went away, or an eventId raced in
                throw Problem.conflict("The message conflicts with another one (its eventId), or its application is gone");
            }
            throw new IllegalStateException("Cannot write messages: " + e.getMessage(), e);
        }
        for (int i = 0; i < messageRows.size(); i++) {
            MessageRows.MessageRow m = messageRows.get(i);
            recent.put(new RecentMessages.Cached(m.id(), m.appId(), m.eventType(), m.eventId(), m.timestamp(), m.payload()),
                    firstAttempts.get(i));
        }
        return new Written(out, tickets);
    }
}
