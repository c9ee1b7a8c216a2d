package dev.herald.delivery.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.entity.Attempt;
import dev.herald.message.control.Messages;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.paging.PageRequest;
import dev.herald.platform.paging.QueryValues;
import dev.herald.platform.problem.FieldError;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.control.Endpoints;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/app/{app}/attempt}: the delivery log, newest first. */
@Path("app/{app}/attempt")
@Tag(name = "Message Attempt")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class AttemptsResource {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @Inject
    Messages messages;

    @PathParam("app")
    String appId;

    @Operation(operationId = "v1.message-attempt.list-by-endpoint", summary = "The delivery log of an endpoint",
            description = "Newest first; it outlives a deleted endpoint.")
    @APIResponse(responseCode = "200", description = "A page of attempts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ListResponse_MessageAttemptOut_")))
    @GET
    @Path("endpoint/{endpoint}")
    public ListResponse<AttemptOut> byEndpoint(@PathParam("endpoint") String endpointId,
            @QueryParam("limit") String limit, @QueryParam("iterator") String iterator,
            @QueryParam("status") String status, @QueryParam("status_code_class") String codeClass,
            @QueryParam("before") String before, @QueryParam("after") String after,
            @QueryParam("event_types") List<String> eventTypes) {
        Application app = applications.require(appId);
        // The log outlives a deleted endpoint, so an unknown id that has attempts still lists.
        var endpoint = endpoints.find(app, endpointId);
        String id = endpoint != null ? endpoint.getId() : endpointId;
        if (endpoint == null && !hasAttempts(app, "e.endpointId = :key", id)) {
            throw Problem.notFound("Endpoint", endpointId);
        }
        return list(app, "e.endpointId = :key", id, limit, iterator,
                new Filters(status, codeClass, before, after, eventTypes));
    }

    @Operation(operationId = "v1.message-attempt.list-by-msg", summary = "The delivery log of a message")
    @APIResponse(responseCode = "200", description = "A page of attempts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ListResponse_MessageAttemptOut_")))
    @GET
    @Path("msg/{msg}")
    public ListResponse<AttemptOut> byMessage(@PathParam("msg") String msgId, @QueryParam("limit") String limit,
            @QueryParam("iterator") String iterator, @QueryParam("status") String status,
            @QueryParam("status_code_class") String codeClass, @QueryParam("before") String before,
            @QueryParam("after") String after, @QueryParam("event_types") List<String> eventTypes) {
        Application app = applications.require(appId);
        // As in Svix, the message may be named by its id or by the caller's eventId.
        var message = messages.require(app, msgId);
        return list(app, "e.msgId = :key", message.getId(), limit, iterator,
                new Filters(status, codeClass, before, after, eventTypes));
    }

    private boolean hasAttempts(Application app, String where, String key) {
        return !em.createQuery("select e.id from Attempt e where e.appId = :app and " + where, String.class)
                .setParameter("app", app.getId()).setParameter("key", key).setMaxResults(1).getResultList().isEmpty();
    }

    /** The list filters Svix offers on attempts. */
    private record Filters(String status, String codeClass, String before, String after, List<String> eventTypes) {
    }

    private ListResponse<AttemptOut> list(Application app, String where, String key, String limit, String iterator,
            Filters filters) {
        PageRequest page = PageRequest.parse(limit, iterator, null, true);
        Map<String, Object> params = new HashMap<>(Map.of("app", app.getId(), "key", key));
        String clause = "e.appId = :app and " + where;
        String status = filters.status();
        if (filters.codeClass() != null && !filters.codeClass().isEmpty()) {
            int from = switch (filters.codeClass()) {
                case "0" -> 0;
                case "100", "200", "300", "400", "500" -> Integer.parseInt(filters.codeClass());
                default -> throw Problem.invalid(List.of(FieldError.query("status_code_class",
                        "must be 0 (no answer), 100, 200, 300, 400 or 500")));
            };
            clause += from == 0 ? " and e.responseStatusCode = 0"
                    : " and e.responseStatusCode >= :codeFrom and e.responseStatusCode < :codeTo";
            if (from > 0) {
                params.put("codeFrom", from);
                params.put("codeTo", from + 100);
            }
        }
        java.time.Instant beforeAt = QueryValues.instant("before", filters.before());
        if (beforeAt != null) {
            clause += " and e.timestamp < :before";
            params.put("before", beforeAt);
        }
        java.time.Instant afterAt = QueryValues.instant("after", filters.after());
        if (afterAt != null) {
            clause += " and e.timestamp > :after";
            params.put("after", afterAt);
        }
        List<String> types = filters.eventTypes() == null ? List.of()
                : filters.eventTypes().stream().flatMap(t -> java.util.Arrays.stream(t.split(",")))
                        .map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (!types.isEmpty()) {
            clause += " and e.eventType in :eventTypes";
            params.put("eventTypes", types);
        }
        if (status != null && !status.isEmpty()) {
            int code = switch (status) {
                // the delivery log's words, beside Svix's numbers
                case "success", "succeeded" -> Attempt.SUCCESS;
                case "fail", "failed" -> Attempt.FAIL;
                default -> {
                    try {
                        yield Integer.parseInt(status);
                    } catch (NumberFormatException e) {
                        yield -1;
                    }
                }
            };
            if (code < Attempt.SUCCESS || code > Attempt.SENDING) {
                throw Problem.invalid(List.of(FieldError.query("status", "must be 0 or 'succeeded', 2 or 'failed', 1 or 3")));
            }
            clause += " and e.status = :status";
            params.put("status", code);
        }
        return page.list(em, Attempt.class, clause, params, Attempt::getId, AttemptOut::of);
    }
}
