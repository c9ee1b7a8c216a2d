package dev.herald.eventtype.boundary;

import dev.herald.eventtype.entity.EventType;
import dev.herald.platform.json.Fields;
import dev.herald.platform.json.JsonBody;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.problem.FieldError;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/event-type}: the catalog of event types. */
@Path("event-type")
@Tag(name = "Event Type")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class EventTypesResource {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Operation(operationId = "v1.event-type.list", summary = "The event-type catalog, by name")
    @APIResponse(responseCode = "200", description = "A page of event types",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ListResponse_EventTypeOut_")))
    @GET
    public ListResponse<EventTypeOut> list(@QueryParam("limit") String limit, @QueryParam("iterator") String iterator,
            @QueryParam("include_archived") String includeArchived) {
        int n = 50;
        List<FieldError> errors = new ArrayList<>();
        if (limit != null && !limit.isEmpty()) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 250) {
                errors.add(FieldError.query("limit", "must be an integer between 1 and 250"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        // Event types are keyed by name, so the cursor is the last name.
        String jpql = "select t from EventType t where (:after is null or t.name > :after)"
                + ("true".equals(includeArchived) ? "" : " and t.archived = false") + " order by t.name";
        List<EventType> rows = em.createQuery(jpql, EventType.class).setParameter("after", iterator)
                .setMaxResults(n + 1).getResultList();
        boolean done = rows.size() <= n;
        List<EventType> page = done ? rows : rows.subList(0, n);
        String next = page.isEmpty() ? null : page.get(page.size() - 1).getName();
        return new ListResponse<>(page.stream().map(EventTypeOut::of).toList(), next, null, done);
    }

    @Operation(operationId = "v1.event-type.create", summary = "Add an event type (operator token)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EventTypeIn")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EventTypeOut")))
    @POST
    public Response create(@Context HttpHeaders headers, InputStream body) {
        JsonObject json = JsonBody.readObject(headers, body, 1024 * 1024);
        Fields f = Fields.of(json);
        String name = f.requiredString("name", 256);
        if (name != null && !name.matches("^[a-zA-Z0-9\\-_.]+$")) {
            f.error("name", "may contain only letters, digits, '-', '_' and '.'", "value_error.str.regex");
        }
        String description = f.requiredString("description", 4096);
        Boolean archived = f.optionalBoolean("archived");
        Boolean deprecated = f.optionalBoolean("deprecated");
        String featureFlag = f.optionalString("featureFlag", 256);
        JsonValue schemas = json.get("schemas");
        if (schemas != null && schemas.getValueType() != JsonValue.ValueType.NULL
                && schemas.getValueType() != JsonValue.ValueType.OBJECT) {
            f.error("schemas", "must be an object of version to JSON schema", "type_error.dict");
        }
        f.validate();
        if (em.find(EventType.class, name) != null) {
            throw Problem.conflict("An event type named '" + name + "' already exists");
        }
        EventType type = new EventType(name, description);
        type.setArchived(Boolean.TRUE.equals(archived));
        type.setDeprecated(Boolean.TRUE.equals(deprecated));
        type.setFeatureFlag(featureFlag);
        if (schemas != null && schemas.getValueType() == JsonValue.ValueType.OBJECT) {
            type.setSchemas(schemas.toString());
        }
        em.persist(type);
        em.flush();
        return Response.status(Response.Status.CREATED).entity(EventTypeOut.of(type)).build();
    }

    @Operation(operationId = "v1.event-type.get", summary = "Get an event type")
    @APIResponse(responseCode = "200", description = "The event type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EventTypeOut")))
    @GET
    @Path("{name}")
    public EventTypeOut get(@PathParam("name") String name) {
        EventType type = em.find(EventType.class, name);
        if (type == null) {
            throw Problem.notFound("Event type", name);
        }
        return EventTypeOut.of(type);
    }
}
