package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import dev.herald.example.hiring.entity.InterviewSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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

/** Apriora's sessions: started ⇄ paused → ended → completed (with the report). */
@Path("domain/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class SessionsResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createSession(InputStream body) {
        Input f = Input.read(body, Records.MAX_BODY);
        InterviewSession s = new InterviewSession(f.requiredString("tenant_id", 256),
                f.optionalString("report_id", 64), f.optionalString("candidate_name", 256));
        f.validate();
        em.persist(s);
        return records.created(s);
    }

    @PATCH
    @Path("{id}")
    public JsonObject changeSession(@PathParam("id") String id, InputStream body) {
        InterviewSession s = records.find(InterviewSession.class, id);
        Input f = Input.read(body, Records.MAX_BODY);
        String status = f.requiredString("status", 32);
        JsonObject report = f.has("report") ? f.requiredObject("report") : null;
        f.validate();
        Records.fits("report", report);
        if (!InterviewSession.STATES.contains(status)) {
            throw Refusal.invalidField("status", "must be started, paused, ended or completed");
        }
        if (status.equals("completed") && report == null) {
            throw Refusal.invalidField("report", "is required to complete a session (the report is attached)");
        }
        if (!s.canMoveTo(status)) {
            throw Refusal.conflict("A session that is " + s.status() + " cannot become " + status);
        }
        s.moveTo(status, report == null ? null : report.toString());
        return records.answer(s);
    }
}
