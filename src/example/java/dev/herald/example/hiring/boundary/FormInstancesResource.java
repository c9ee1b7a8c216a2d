package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import dev.herald.example.hiring.entity.FormInstance;
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

/** {@code frm.form_instance}: versioned, so {@code updated} sends {@code {old, new}}. */
@Path("domain/form-instances")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class FormInstancesResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createFormInstance(InputStream body) {
        JsonObject json = Input.readObject(body, Records.MAX_BODY);
        Input f = Input.of(json);
        String tenant = f.requiredString("tenant_id", 256);
        String form = f.requiredString("form_id", 256);
        JsonObject answers = f.has("answers") ? f.requiredObject("answers") : JsonValue.EMPTY_JSON_OBJECT;
        f.validate();
        Records.fits("answers", answers);
        FormInstance fi = new FormInstance(tenant, form, answers.toString());
        em.persist(fi);
        return records.created(fi);
    }

    /** With {@code version}, the change applies only to that version (409 otherwise). */
    @PATCH
    @Path("{id}")
    public JsonObject changeFormInstance(@PathParam("id") String id, InputStream body) {
        FormInstance fi = records.find(FormInstance.class, id);
        Input f = Input.read(body, Records.MAX_BODY);
        String status = f.optionalString("status", 64);
        JsonObject answers = f.has("answers") ? f.requiredObject("answers") : null;
        Integer expected = f.optionalInt("version", 0, Integer.MAX_VALUE);
        f.validate();
        Records.fits("answers", answers);
        if (expected != null && expected != fi.getVersion()) {
            throw Refusal.conflict("The form instance is at version " + fi.getVersion() + ", not " + expected);
        }
        if (status != null || answers != null) {
            fi.change(status, answers == null ? null : answers.toString());
        }
        return records.answer(fi);
    }
}
