package dev.herald.app.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.platform.json.Fields;
import dev.herald.platform.json.JsonBody;
import dev.herald.platform.json.JsonText;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.paging.PageRequest;
import dev.herald.platform.problem.Problem;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/** {@code /api/v1/app}: Svix applications. */
@Path("app")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class ApplicationsResource {
    static final int MAX_BODY = 64 * 1024;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @GET
    public ListResponse<ApplicationOut> list(@QueryParam("limit") String limit, @QueryParam("iterator") String iterator,
            @QueryParam("order") String order) {
        return PageRequest.parse(limit, iterator, order, false)
                .list(em, Application.class, "1 = 1", Map.of(), Application::getId, ApplicationOut::of);
    }

    @POST
    public Response create(@Context HttpHeaders headers, InputStream body, @QueryParam("get_if_exists") String getIfExists) {
        JsonObject json = JsonBody.readObject(headers, body, MAX_BODY);
        Fields f = Fields.of(json);
        String name = f.requiredString("name", 256);
        String uid = f.optionalUid("uid");
        Integer rateLimit = f.optionalInt("rateLimit", 1, 65535);
        Map<String, String> metadata = f.optionalStringMap("metadata", 64);
        f.validate();
        if (uid != null) {
            Application existing = applications.byUid(uid);
            if (existing != null) {
                if ("true".equals(getIfExists)) {
                    return Response.ok(ApplicationOut.of(existing)).build();
                }
                throw Problem.conflict("An application with uid '" + uid + "' already exists");
            }
        }
        Application app = new Application(name);
        app.setUid(uid);
        app.setRateLimit(rateLimit);
        app.setMetadata(metadata == null ? null : JsonText.ofMap(metadata));
        em.persist(app);
        em.flush();
        return Response.status(Response.Status.CREATED).entity(ApplicationOut.of(app)).build();
    }

    @GET
    @Path("{app}")
    public ApplicationOut get(@PathParam("app") String id) {
        return ApplicationOut.of(applications.require(id));
    }

    /** Replaces the mutable fields; fields left out return to their defaults, as in Svix. */
    @PUT
    @Path("{app}")
    public ApplicationOut update(@PathParam("app") String id, @Context HttpHeaders headers, InputStream body) {
        Application app = applications.require(id);
        Fields f = Fields.of(JsonBody.readObject(headers, body, MAX_BODY));
        String name = f.requiredString("name", 256);
        String uid = f.optionalUid("uid");
        Integer rateLimit = f.optionalInt("rateLimit", 1, 65535);
        Map<String, String> metadata = f.optionalStringMap("metadata", 64);
        f.validate();
        requireUidFree(app, uid);
        app.setName(name);
        app.setUid(uid);
        app.setRateLimit(rateLimit);
        app.setMetadata(metadata == null ? null : JsonText.ofMap(metadata));
        app.touch();
        em.flush();
        return ApplicationOut.of(app);
    }

    /** Changes only the fields present; an explicit null clears an optional field. */
    @PATCH
    @Path("{app}")
    public ApplicationOut patch(@PathParam("app") String id, @Context HttpHeaders headers, InputStream body) {
        Application app = applications.require(id);
        Fields f = Fields.of(JsonBody.readObject(headers, body, MAX_BODY));
        String name = f.optionalString("name", 256);
        String uid = f.optionalUid("uid");
        Integer rateLimit = f.optionalInt("rateLimit", 1, 65535);
        Map<String, String> metadata = f.optionalStringMap("metadata", 64);
        if (f.present("name") && !f.has("name")) {
            f.error("name", "must not be null", "type_error.none.not_allowed");
        }
        f.validate();
        if (name != null) {
            app.setName(name);
        }
        if (f.present("uid")) {
            requireUidFree(app, uid);
            app.setUid(uid);
        }
        if (f.present("rateLimit")) {
            app.setRateLimit(rateLimit);
        }
        if (f.present("metadata")) {
            app.setMetadata(metadata == null ? null : JsonText.ofMap(metadata));
        }
        app.touch();
        em.flush();
        return ApplicationOut.of(app);
    }

    @DELETE
    @Path("{app}")
    public Response delete(@PathParam("app") String id) {
        applications.delete(applications.require(id));
        return Response.noContent().build();
    }

    private void requireUidFree(Application app, String uid) {
        if (uid != null) {
            Application holder = applications.byUid(uid);
            if (holder != null && !holder.getId().equals(app.getId())) {
                throw Problem.conflict("An application with uid '" + uid + "' already exists");
            }
        }
    }
}
