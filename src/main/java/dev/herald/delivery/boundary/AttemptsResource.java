package dev.herald.delivery.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.entity.Attempt;
import dev.herald.message.control.Ingest;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.paging.PageRequest;
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

/** {@code /api/v1/app/{app}/attempt}: the delivery log, newest first. */
@Path("app/{app}/attempt")
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
    Ingest ingest;

    @PathParam("app")
    String appId;

    @GET
    @Path("endpoint/{endpoint}")
    public ListResponse<AttemptOut> byEndpoint(@PathParam("endpoint") String endpointId,
            @QueryParam("limit") String limit, @QueryParam("iterator") String iterator,
            @QueryParam("status") String status) {
        Application app = applications.require(appId);
        // The log outlives a deleted endpoint, so an unknown id that has attempts still lists.
        var endpoint = endpoints.find(app, endpointId);
        String id = endpoint != null ? endpoint.getId() : endpointId;
        return list(app, "e.endpointId = :key", id, limit, iterator, status);
    }

    @GET
    @Path("msg/{msg}")
    public ListResponse<AttemptOut> byMessage(@PathParam("msg") String msgId, @QueryParam("limit") String limit,
            @QueryParam("iterator") String iterator, @QueryParam("status") String status) {
        Application app = applications.require(appId);
        // As in Svix, the message may be named by its id or by the caller's eventId.
        String id = msgId;
        if (!msgId.startsWith("msg_")) {
            var byEventId = ingest.findByEventId(app, msgId);
            if (byEventId != null) {
                id = byEventId.getId();
            }
        }
        return list(app, "e.msgId = :key", id, limit, iterator, status);
    }

    private ListResponse<AttemptOut> list(Application app, String where, String key, String limit, String iterator,
            String status) {
        PageRequest page = PageRequest.parse(limit, iterator, null, true);
        Map<String, Object> params = new HashMap<>(Map.of("app", app.getId(), "key", key));
        String clause = "e.appId = :app and " + where;
        if (status != null && !status.isEmpty()) {
            int code;
            try {
                code = Integer.parseInt(status);
            } catch (NumberFormatException e) {
                code = -1;
            }
            if (code < Attempt.SUCCESS || code > Attempt.SENDING) {
                throw Problem.invalid(List.of(FieldError.query("status", "must be 0 (success), 1, 2 (fail) or 3")));
            }
            clause += " and e.status = :status";
            params.put("status", code);
        }
        return page.list(em, Attempt.class, clause, params, Attempt::getId, AttemptOut::of);
    }
}
