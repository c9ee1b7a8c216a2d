package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import dev.herald.example.hiring.entity.AuthUser;
import dev.herald.example.hiring.entity.Meeting;
import dev.herald.example.hiring.entity.MeetingParticipant;
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
import java.time.Instant;

/** {@code sch.meeting}, with participants (subordinates pointing at users). */
@Path("domain/meetings")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class MeetingsResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createMeeting(InputStream body) {
        JsonObject json = Input.readObject(body, Records.MAX_BODY);
        Input f = Input.of(json);
        String tenant = f.requiredString("tenant_id", 256);
        String title = f.requiredString("title", 256);
        Instant startsAt = f.has("starts_at") ? f.requiredInstant("starts_at") : null;
        f.validate();
        Records.objects(json, "participants");
        Meeting m = new Meeting(tenant, title, startsAt);
        em.persist(m);
        for (JsonObject p : Records.objects(json, "participants")) {
            addParticipant(m, Input.of(p));
        }
        return records.created(m);
    }

    @PATCH
    @Path("{id}")
    public JsonObject changeMeeting(@PathParam("id") String id, InputStream body) {
        Meeting m = records.find(Meeting.class, id);
        Input f = Input.read(body, Records.MAX_BODY);
        String title = f.optionalString("title", 256);
        Instant startsAt = f.has("starts_at") ? f.requiredInstant("starts_at") : null;
        String status = f.optionalString("status", 64);
        f.validate();
        m.change(title, startsAt, status);
        return records.answer(m);
    }

    @POST
    @Path("{id}/participants")
    public Response addParticipant(@PathParam("id") String id, InputStream body) {
        MeetingParticipant p = addParticipant(records.find(Meeting.class, id), Records.read(body));
        return Response.status(201).entity(Records.Json.id(p)).build();
    }

    private MeetingParticipant addParticipant(Meeting m, Input f) {
        String user = f.requiredString("user_id", 40);
        String role = f.optionalString("role", 64);
        f.validate();
        AuthUser person = records.find(AuthUser.class, user);
        if (!person.tenantId().equals(m.tenantId())) {
            // another tenant's user must not appear in this tenant's webhooks: as if it did not exist
            throw Refusal.notFound("AuthUser", user);
        }
        MeetingParticipant p = new MeetingParticipant(m, person, role);
        m.getParticipants().add(p);
        em.persist(p);
        return p;
    }
}
