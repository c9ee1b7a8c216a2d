package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import dev.herald.example.hiring.entity.Candidate;
import dev.herald.example.hiring.entity.Education;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code can.candidate}, with its education entries (subordinates), and an all-or-nothing import. */
@Path("domain/candidates")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class CandidatesResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @Inject
    CandidateImport candidateImport;

    @POST
    public Response createCandidate(InputStream body) {
        Input f = Input.read(body, Records.MAX_BODY);
        String tenant = f.requiredString("tenant_id", 256);
        Candidate c = new Candidate(tenant, f.optionalString("first_name", 256), f.optionalString("last_name", 256),
                f.optionalString("email", 256));
        f.validate();
        em.persist(c);
        return records.created(c);
    }

    @GET
    @Path("{id}")
    public JsonObject candidate(@PathParam("id") String id) {
        return records.visible(records.find(Candidate.class, id));
    }

    /**
     * All or nothing: each candidate is created in a captured boundary of its own (its webhook is
     * written at once), all in this request's transaction; one refused entry refuses the import,
     * and the webhooks already written roll back with the candidates.
     */
    @POST
    @Path("import")
    public Response importCandidates(InputStream body) {
        JsonObject json = Input.readObject(body, Records.MAX_BODY);
        java.util.List<String> ids = new java.util.ArrayList<>();
        int index = 0;
        for (JsonObject entry : Records.objects(json, "candidates")) {
            ids.add(candidateImport.createOne(Input.of(entry), "candidates[" + index++ + "]"));
        }
        var out = Input.JSON.createArrayBuilder();
        ids.forEach(out::add);
        return Response.status(201).entity(Input.JSON.createObjectBuilder().add("ids", out).build()).build();
    }

    /** Several changes in one transaction: they send one {@code can_candidate_updated}. */
    @PATCH
    @Path("{id}")
    public JsonObject changeCandidate(@PathParam("id") String id, InputStream body) {
        Candidate c = records.find(Candidate.class, id);
        JsonObject json = Input.readObject(body, Records.MAX_BODY);
        Input f = Input.of(json);
        Records.objects(json, "add_education"); // wrong types are refused before anything changes
        String first = f.optionalString("first_name", 256);
        String last = f.optionalString("last_name", 256);
        String email = f.optionalString("email", 256);
        f.validate();
        if (first != null || last != null) {
            c.rename(first, last);
        }
        if (email != null) {
            c.setEmail(email);
        }
        for (JsonObject entry : Records.objects(json, "add_education")) {
            addEducation(c, Input.of(entry));
        }
        return records.answer(c);
    }

    @DELETE
    @Path("{id}")
    public Response deleteCandidate(@PathParam("id") String id) {
        records.find(Candidate.class, id).markDeleted();
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/education")
    public Response addEducation(@PathParam("id") String id, InputStream body) {
        Candidate c = records.find(Candidate.class, id);
        Education e = addEducation(c, Records.read(body));
        return Response.status(201).entity(Records.Json.id(e)).build();
    }

    @PATCH
    @Path("{id}/education/{entry}")
    public Response changeEducation(@PathParam("id") String id, @PathParam("entry") String entry, InputStream body) {
        Education e = education(id, entry);
        Input f = Input.read(body, Records.MAX_BODY);
        e.change(f.optionalString("institution", 256), f.optionalString("degree", 256),
                f.optionalInt("graduation_year", 1800, 2200));
        f.validate();
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/education/{entry}")
    public Response deleteEducation(@PathParam("id") String id, @PathParam("entry") String entry) {
        education(id, entry).markDeleted();
        return Response.noContent().build();
    }

    private Education addEducation(Candidate c, Input f) {
        Education e = new Education(c, f.requiredString("institution", 256), f.optionalString("degree", 256),
                f.optionalInt("graduation_year", 1800, 2200));
        f.validate();
        c.getEducation().add(e);
        em.persist(e);
        return e;
    }

    private Education education(String candidate, String entry) {
        Education e = records.find(Education.class, entry);
        if (!e.getCandidate().getId().equals(candidate) || e.getCandidate().softDeleted()) {
            throw Refusal.notFound("Education", entry);
        }
        return e;
    }
}
