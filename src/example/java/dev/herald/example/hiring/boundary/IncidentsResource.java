package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.entity.IncidentInstance;
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

/** {@code incident.instance}: Talview's one event, {@code incident_instance_updated}. */
@Path("domain/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class IncidentsResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createIncident(InputStream body) {
        Input f = Input.read(body, Records.MAX_BODY);
        IncidentInstance i = new IncidentInstance(f.requiredString("tenant_id", 256), f.optionalString("kind", 64),
                f.optionalString("severity", 64), f.optionalString("session_id", 64),
                f.optionalString("session_status", 64), Records.number(f, "session_score"));
        f.validate();
        em.persist(i);
        return records.created(i);
    }

    @PATCH
    @Path("{id}")
    public JsonObject changeIncident(@PathParam("id") String id, InputStream body) {
        IncidentInstance i = records.find(IncidentInstance.class, id);
        Input f = Input.read(body, Records.MAX_BODY);
        i.change(f.optionalString("status", 64), f.optionalString("severity", 64));
        f.validate();
        return records.answer(i);
    }
}
