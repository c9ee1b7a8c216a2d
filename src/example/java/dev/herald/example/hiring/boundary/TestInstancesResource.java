package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.entity.Candidate;
import dev.herald.example.hiring.entity.TestInstance;
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

/** {@code ae.test_instance}: an assessment attempt, embedding its candidate. */
@Path("domain/test-instances")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class TestInstancesResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createTestInstance(InputStream body) {
        Input f = Input.read(body, Records.MAX_BODY);
        String candidate = f.requiredString("candidate_id", 40);
        String assessment = f.requiredString("assessment", 256);
        f.validate();
        TestInstance t = new TestInstance(records.find(Candidate.class, candidate), assessment);
        em.persist(t);
        return records.created(t);
    }

    @PATCH
    @Path("{id}")
    public JsonObject changeTestInstance(@PathParam("id") String id, InputStream body) {
        TestInstance t = records.find(TestInstance.class, id);
        Input f = Input.read(body, Records.MAX_BODY);
        String status = f.optionalString("status", 64);
        Double score = Records.number(f, "score");
        f.validate();
        t.progress(status, score);
        return records.answer(t);
    }
}
