package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.entity.PaymentTransaction;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code pay.transaction}, embedding its order. */
@Path("domain/payments")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class PaymentsResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createPayment(InputStream body) {
        Input f = Input.read(body, Records.MAX_BODY);
        String tenant = f.requiredString("tenant_id", 256);
        Integer amount = f.optionalInt("amount", 0, Integer.MAX_VALUE);
        String currency = f.optionalString("currency", 3);
        JsonObject order = f.has("order") ? f.requiredObject("order") : JsonValue.EMPTY_JSON_OBJECT;
        f.validate();
        Records.fits("order", order);
        PaymentTransaction p = new PaymentTransaction(tenant, amount == null ? 0 : amount, currency, order.toString());
        em.persist(p);
        return records.created(p);
    }

    @PATCH
    @Path("{id}")
    public JsonObject changePayment(@PathParam("id") String id, InputStream body) {
        PaymentTransaction p = records.find(PaymentTransaction.class, id);
        Input f = Input.read(body, Records.MAX_BODY);
        String status = f.requiredString("status", 64);
        f.validate();
        p.setStatus(status);
        return records.answer(p);
    }
}
