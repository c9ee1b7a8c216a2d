package dev.herald.message.control;

import dev.herald.app.entity.Application;
import dev.herald.delivery.control.DeliveryQueue;
import dev.herald.message.entity.Message;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.control.Endpoints;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch of messages in one transaction, each exactly as {@link Ingest} writes one, then
 * flushes once and puts all their tickets on the queue with one broker session. An application's
 * endpoints are read once per batch.
 */
@ApplicationScoped
public class BatchWriter {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Ingest ingest;

    @Inject
    Endpoints endpoints;

    @Inject
    DeliveryQueue queue;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Message> write(List<IngestBatcher.Work> batch) {
        List<Message> out = new ArrayList<>(batch.size());
        List<DeliveryQueue.Ticket> tickets = new ArrayList<>();
        Map<String, List<Endpoint>> enabled = new HashMap<>();
        for (IngestBatcher.Work w : batch) {
            Application app = em.find(Application.class, w.appId());
            if (app == null) {
                throw Problem.notFound("Application", w.appId());
            }
            Ingest.Accepted accepted = ingest.write(app, w.eventType(), w.payload(), w.eventId(), w.channels(),
                    w.endpointUrls(), a -> enabled.computeIfAbsent(a.getId(), id -> endpoints.enabled(a)));
            out.add(accepted.message());
            tickets.addAll(accepted.tickets());
        }
        em.flush();
        queue.enqueue(tickets);
        return out;
    }
}
