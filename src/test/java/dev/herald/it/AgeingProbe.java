package dev.herald.it;

import dev.herald.platform.Times;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;

/**
 * Test-only resource: moves rows back in time, so a test sees what the retention purge does to
 * history it cannot wait 90 days for.
 */
@Path("_test/age")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class AgeingProbe {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * Makes a message {@code days} old; with {@code history}, its deliveries and attempts too, as
     * if it had been delivered that day. Without, it looks resent today.
     */
    @POST
    @Path("msg/{msg}")
    public JsonObject message(@PathParam("msg") String msgId, @QueryParam("days") int days,
            @QueryParam("history") boolean history) {
        Instant then = Times.now().minus(Duration.ofDays(days));
        int messages = em.createQuery("update Message m set m.timestamp = :then where m.id = :id")
                .setParameter("then", then).setParameter("id", msgId).executeUpdate();
        int deliveries = 0;
        int attempts = 0;
        if (history) {
            deliveries = em.createQuery("update Delivery d set d.createdAt = :then, d.updatedAt = :then "
                    + "where d.message.id = :id").setParameter("then", then).setParameter("id", msgId).executeUpdate();
            attempts = em.createQuery("update Attempt a set a.timestamp = :then where a.msgId = :id")
                    .setParameter("then", then).setParameter("id", msgId).executeUpdate();
        }
        return Json.createObjectBuilder().add("messages", messages).add("deliveries", deliveries)
                .add("attempts", attempts).build();
    }

    /** Moves a message's payload expiry (Svix's payloadRetentionPeriod) {@code hours} into the past. */
    @POST
    @Path("msg/{msg}/payload-expiry")
    public JsonObject payloadExpiry(@PathParam("msg") String msgId, @QueryParam("hours") int hours) {
        int messages = em.createQuery("update Message m set m.payloadExpiresAt = :then where m.id = :id "
                + "and m.payloadExpiresAt is not null").setParameter("then", Times.now().minus(Duration.ofHours(hours)))
                .setParameter("id", msgId).executeUpdate();
        return Json.createObjectBuilder().add("messages", messages).build();
    }

    /** Dates the idempotency records created in [from, to) back to {@code hours} ago. */
    @POST
    @Path("idempotency")
    public JsonObject idempotencyKeys(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("hours") int hours) {
        Instant then = Times.now().minus(Duration.ofHours(hours));
        int records = em.createQuery("update IdempotencyRecord r set r.createdAt = :then "
                + "where r.createdAt >= :from and r.createdAt < :to").setParameter("then", then)
                .setParameter("from", Instant.parse(from)).setParameter("to", Instant.parse(to)).executeUpdate();
        return Json.createObjectBuilder().add("records", records).build();
    }
}
