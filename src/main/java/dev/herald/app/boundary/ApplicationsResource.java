package dev.herald.app.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.control.RetrySchedule;
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
import dev.herald.message.control.MessageLimits;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/app}: Svix applications. */
@Path("app")
@Tag(name = "Application")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class ApplicationsResource {
    static final int MAX_BODY = 64 * 1024;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Operation(operationId = "v1.application.list", summary = "List applications")
    @APIResponse(responseCode = "200", description = "A page of applications",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ListResponse_ApplicationOut_")))
    @GET
    public ListResponse<ApplicationOut> list(@QueryParam("limit") String limit, @QueryParam("iterator") String iterator,
            @QueryParam("order") String order) {
        return PageRequest.parse(limit, iterator, order, false)
                .list(em, Application.class, "e.id <> :internal", Map.of("internal", Application.OPERATIONAL_ID),
                        Application::getId, ApplicationOut::of);
    }

    @Operation(operationId = "v1.application.create", summary = "Create an application",
            description = "With ?get_if_exists=true an existing uid answers 200 with that application instead of 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationIn")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationOut")))
    @APIResponse(responseCode = "200", description = "Already there (get_if_exists=true)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationOut")))
    @POST
    public Response create(@Context HttpHeaders headers, InputStream body, @QueryParam("get_if_exists") String getIfExists) {
        Input in = Input.read(JsonBody.readObject(headers, body, MAX_BODY), false);
        if (in.uid != null) {
            Application existing = applications.byUid(in.uid);
            if (existing != null) {
                if ("true".equals(getIfExists)) {
                    return Response.ok(ApplicationOut.of(existing)).build();
                }
                throw Problem.conflict("An application with uid '" + in.uid + "' already exists");
            }
        }
        return Response.status(Response.Status.CREATED).entity(ApplicationOut.of(insert(in, in.uid))).build();
    }

    @Operation(operationId = "v1.application.get", summary = "Get an application by id or uid")
    @APIResponse(responseCode = "200", description = "The application",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationOut")))
    @GET
    @Path("{app}")
    public ApplicationOut get(@PathParam("app") String id) {
        return ApplicationOut.of(applications.require(id));
    }

    /**
     * Replaces the mutable fields (fields left out return to their defaults), or, as Svix's
     * upsert does, creates the application when the path names a uid that does not exist yet.
     */
    @Operation(operationId = "v1.application.update", summary = "Replace an application, or create it under a new uid")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationIn")))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationOut")))
    @APIResponse(responseCode = "201", description = "Created (the path named a uid not in use)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationOut")))
    @PUT
    @Path("{app}")
    public Response update(@PathParam("app") String id, @Context HttpHeaders headers, InputStream body) {
        Input in = Input.read(JsonBody.readObject(headers, body, MAX_BODY), false);
        Application app = applications.find(id);
        if (app == null) {
            if (!Fields.isUid(id) || id.startsWith("app_") || in.uid != null && !in.uid.equals(id)) {
                throw Problem.notFound("Application", id);
            }
            return Response.status(Response.Status.CREATED).entity(ApplicationOut.of(insert(in, id))).build();
        }
        requireUidFree(app, in.uid);
        app.setName(in.name);
        if (in.fields.present("uid")) {
            app.setUid(in.uid); // left out, it stays: a repeated upsert by uid finds the same application
        }
        app.setRateLimit(in.rateLimit);
        app.setMetadata(in.metadata == null ? null : JsonText.ofMap(in.metadata));
        in.applyExtensions(app);
        app.touch();
        em.flush();
        return Response.ok(ApplicationOut.of(app)).build();
    }

    /** Changes only the fields present; an explicit null clears an optional field. */
    @Operation(operationId = "v1.application.patch", summary = "Change the fields given")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationPatch")))
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationOut")))
    @PATCH
    @Path("{app}")
    public ApplicationOut patch(@PathParam("app") String id, @Context HttpHeaders headers, InputStream body) {
        Application app = applications.require(id);
        Input in = Input.read(JsonBody.readObject(headers, body, MAX_BODY), true);
        if (in.name != null) {
            app.setName(in.name);
        }
        if (in.fields.present("uid")) {
            requireUidFree(app, in.uid);
            app.setUid(in.uid);
        }
        if (in.fields.present("rateLimit") || in.fields.present("throttleRate")) {
            app.setRateLimit(in.rateLimit);
        }
        if (in.fields.present("metadata")) {
            app.setMetadata(in.metadata == null ? null : JsonText.ofMap(in.metadata));
        }
        in.applyExtensions(app);
        app.touch();
        em.flush();
        return ApplicationOut.of(app);
    }

    @Operation(operationId = "v1.application.delete", summary = "Delete an application, its endpoints, messages and tokens")
    @APIResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @Path("{app}")
    public Response delete(@PathParam("app") String id) {
        applications.delete(applications.require(id));
        return Response.noContent().build();
    }

    private Application insert(Input in, String uid) {
        Application app = new Application(in.name);
        app.setUid(uid);
        app.setRateLimit(in.rateLimit);
        app.setMetadata(in.metadata == null ? null : JsonText.ofMap(in.metadata));
        in.applyExtensions(app);
        em.persist(app);
        em.flush();
        return app;
    }

    private void requireUidFree(Application app, String uid) {
        if (uid != null) {
            Application holder = applications.byUid(uid);
            if (holder != null && !holder.getId().equals(app.getId())) {
                throw Problem.conflict("An application with uid '" + uid + "' already exists");
            }
        }
    }

    /** ApplicationIn / ApplicationPatch, read strictly. */
    private static final class Input {
        Fields fields;
        String name;
        String uid;
        Integer rateLimit;
        Map<String, String> metadata;
        String retrySchedule;
        Integer maxEndpoints;
        Integer maxPayloadBytes;

        /**
         * Herald's own fields change only when present, on PUT too: a Svix client that knows
         * nothing of them must not reset them by updating the name.
         */
        void applyExtensions(Application app) {
            if (fields.present("retrySchedule")) {
                app.setRetrySchedule(retrySchedule);
            }
            if (fields.present("maxEndpoints")) {
                app.setMaxEndpoints(maxEndpoints);
            }
            if (fields.present("maxPayloadBytes")) {
                app.setMaxPayloadBytes(maxPayloadBytes);
            }
        }

        static Input read(JsonObject json, boolean patch) {
            Input in = new Input();
            Fields f = Fields.of(json);
            in.fields = f;
            in.name = patch ? f.optionalString("name", 256) : f.requiredString("name", 256);
            if (patch && f.present("name") && !f.has("name")) {
                f.error("name", "must not be null", "type_error.none.not_allowed");
            }
            in.uid = f.optionalUid("uid");
            // Svix renamed rateLimit to throttleRate; newer SDKs send the latter.
            in.rateLimit = f.has("throttleRate") ? f.optionalInt("throttleRate", 1, 65535) : f.optionalInt("rateLimit", 1, 65535);
            in.metadata = f.optionalStringMap("metadata", 64);
            // Herald extension: the retry schedule of this application's endpoints, in seconds.
            in.retrySchedule = RetrySchedule.readField(f, "retrySchedule");
            in.maxEndpoints = f.optionalInt("maxEndpoints", 1, 100_000);
            in.maxPayloadBytes = f.optionalInt("maxPayloadBytes", 2, MessageLimits.HARD_MAX_PAYLOAD_BYTES);
            f.validate();
            return in;
        }
    }
}
