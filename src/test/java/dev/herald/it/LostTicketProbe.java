package dev.herald.it;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.entity.Delivery;
import dev.herald.message.entity.Message;
import dev.herald.subscription.control.Endpoints;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only resource: writes a message and its delivery row but queues no ticket, as if the
 * queue message had been lost. Only the sweeper can deliver it.
 */
@Path("_test/lost-ticket/{app}/{endpoint}/{eventType}")
@RequestScoped
public class LostTicketProbe {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public JsonObject writeWithoutTicket(@PathParam("app") String appId, @PathParam("endpoint") String endpointId,
            @PathParam("eventType") String eventType) {
        Application app = applications.require(appId);
        Message message = new Message(app, eventType, "{\"lostTicket\":true}", null);
        em.persist(message);
        em.persist(new Delivery(message, endpoints.require(app, endpointId)));
        return Json.createObjectBuilder().add("msgId", message.getId()).build();
    }
}
