package dev.herald.message.control;

import dev.herald.app.entity.Application;
import dev.herald.message.entity.Message;
import dev.herald.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Message look-ups within an application, by id or by the caller's eventId, as Svix paths allow. */
@ApplicationScoped
public class Messages {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    public Message require(Application app, String idOrEventId) {
        Message message = idOrEventId.startsWith("msg_") ? em.find(Message.class, idOrEventId) : null;
        if (message == null || !message.getApp().getId().equals(app.getId())) {
            message = byEventId(app, idOrEventId);
        }
        if (message == null) {
            throw Problem.notFound("Message", idOrEventId);
        }
        return message;
    }

    public Message byEventId(Application app, String eventId) {
        return em.createQuery("select m from Message m where m.app.id = :app and m.eventId = :eid", Message.class)
                .setParameter("app", app.getId()).setParameter("eid", eventId)
                .getResultStream().findFirst().orElse(null);
    }
}
