package dev.herald.it;

import dev.herald.app.control.Applications;
import dev.herald.delivery.control.DeliveryQueue;
import dev.herald.message.entity.Message;
import dev.herald.platform.Ids;
import dev.herald.platform.Times;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Test-only resource: a delivery row for an endpoint that does not exist, as an ingest that read
 * an endpoint just before it was deleted could write (no foreign key stops it), and its ticket.
 */
@Path("_test/orphan")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrphanDeliveryProbe {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    DeliveryQueue queue;

    @POST
    @Path("{app}")
    @Transactional
    public JsonObject write(@PathParam("app") String appId) {
        Message message = new Message(applications.require(appId), "orphan.test", "{\"orphan\":true}", null);
        em.persist(message);
        String deliveryId = Ids.next("dlv");
        String gone = Ids.next("ep");
        em.createNativeQuery("insert into herald_delivery (id, attempts, chainStart, createdAt, manualChain, status, "
                + "updatedAt, version, endpoint_id, msg_id) values (?, 0, 0, ?, false, 'PENDING', ?, 0, ?, ?)")
                .setParameter(1, deliveryId).setParameter(2, Times.now()).setParameter(3, Times.now())
                .setParameter(4, gone).setParameter(5, message.getId()).executeUpdate();
        return Json.createObjectBuilder().add("deliveryId", deliveryId).add("endpointId", gone).build();
    }

    /** Queues the delivery's first attempt, after {@link #write} committed. */
    @POST
    @Path("{delivery}/{endpoint}/ticket")
    public JsonObject ticket(@PathParam("delivery") String deliveryId, @PathParam("endpoint") String endpointId) {
        queue.enqueue(List.of(new DeliveryQueue.Ticket(deliveryId, endpointId, 1, 0)));
        return Json.createObjectBuilder().add("queued", true).build();
    }

    @GET
    @Path("{delivery}")
    @Transactional
    public JsonObject row(@PathParam("delivery") String deliveryId) {
        long rows = ((Number) em.createNativeQuery("select count(*) from herald_delivery where id = ?")
                .setParameter(1, deliveryId).getSingleResult()).longValue();
        return Json.createObjectBuilder().add("rows", rows).build();
    }
}
