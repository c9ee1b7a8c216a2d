package dev.herald.message.control;

import dev.herald.app.entity.Application;
import dev.herald.message.entity.Message;
import dev.herald.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** Writes a batch of messages in one transaction, each exactly as {@link Ingest} writes one. */
@ApplicationScoped
public class BatchWriter {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Ingest ingest;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Message> write(List<IngestBatcher.Work> batch) {
        List<Message> out = new ArrayList<>(batch.size());
        for (IngestBatcher.Work w : batch) {
            Application app = em.find(Application.class, w.appId());
            if (app == null) {
                throw Problem.notFound("Application", w.appId());
            }
            out.add(ingest.accept(app, w.eventType(), w.payload(), w.eventId(), w.channels(), w.endpointUrls()));
        }
        return out;
    }
}
