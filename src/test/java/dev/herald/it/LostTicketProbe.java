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

    /**
     * A message that owes its delivery without a row (as ingest writes it since V8), accepted
     * two minutes ago so that no first attempt can still be running, and no ticket; with
     * {@code ?succeeded=true} also the attempt that succeeded, as if the process had died before
     * it wrote the delivery's row. The sweep's mark moves back before it (this server is a test's).
     */
    @POST
    @Path("rowless")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public JsonObject writeRowless(@PathParam("app") String appId, @PathParam("endpoint") String endpointId,
            @PathParam("eventType") String eventType, @jakarta.ws.rs.QueryParam("succeeded") boolean succeeded) {
        Application app = applications.require(appId);
        String ep = endpoints.require(app, endpointId).getId();
        String msgId = dev.herald.platform.Ids.next("msg");
        var at = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(2);
        em.createNativeQuery("insert into herald_message (id, eventType, payload, timestamp, app_id, destinations) "
                + "values (?, ?, ?, ?, ?, ?)").setParameter(1, msgId).setParameter(2, eventType)
                .setParameter(3, "{\"rowless\":true}").setParameter(4, at).setParameter(5, app.getId())
                .setParameter(6, "0 " + ep).executeUpdate();
        String deliveryId = dev.herald.delivery.control.Destinations.deliveryId(msgId, 0);
        if (succeeded) {
            em.persist(new dev.herald.delivery.entity.Attempt(app.getId(), msgId, eventType, null, ep, deliveryId,
                    "http://127.0.0.1/unused", 1, false, true, 204, "", 3, java.time.Instant.now()));
        }
        em.createNativeQuery("update herald_sweep_mark set mark = ?, msgId = '' where name = 'rowless' and mark > ?")
                .setParameter(1, at.minusMinutes(1)).setParameter(2, at.minusMinutes(1)).executeUpdate();
        return Json.createObjectBuilder().add("msgId", msgId).add("deliveryId", deliveryId).build();
    }
}
