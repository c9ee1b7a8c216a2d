package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.entity.AuthUser;
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

/** {@code auth.user}: a user of the platform (recruiters, proctors, interviewers). */
@Path("domain/users")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class UsersResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createUser(InputStream body) {
        Input f = Input.read(body, Records.MAX_BODY);
        AuthUser u = new AuthUser(f.requiredString("tenant_id", 256), f.requiredString("email", 256),
                f.optionalString("name", 256), f.optionalString("role", 64));
        f.validate();
        em.persist(u);
        return records.created(u);
    }

    @PATCH
    @Path("{id}")
    public JsonObject changeUser(@PathParam("id") String id, InputStream body) {
        AuthUser u = records.find(AuthUser.class, id);
        Input f = Input.read(body, Records.MAX_BODY);
        u.change(f.optionalString("email", 256), f.optionalString("name", 256), f.optionalString("role", 64));
        f.validate();
        return records.answer(u);
    }
}
