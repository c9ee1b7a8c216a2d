package dev.herald.delivery.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
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

/**
 * {@code /api/v1/app/{app}/endpoint/{ep}/msg}: Svix's "list attempted messages" — the messages
 * an endpoint was sent, newest first, each with where its delivery stands.
 */
@Path("app/{app}/endpoint/{endpoint}/msg")
@Tag(name = "Message attempt")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class EndpointMessagesResource {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @PathParam("app")
    String appId;

    @PathParam("endpoint")
    String endpointId;

    @Operation(operationId = "v1.message-attempt.list-attempted-messages", summary = "Messages sent to an endpoint",
            description = "Newest first; status is Svix's MessageStatus (0 success, 1 pending, 2 fail, 3 sending).")
    @APIResponse(responseCode = "200", description = "A page of messages",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "ListResponse_EndpointMessageOut_")))
    @GET
    public ListResponse<EndpointMessageOut> list(@QueryParam("limit") String limit,
            @QueryParam("iterator") String iterator, @QueryParam("status") String status,
            @QueryParam("before") String before, @QueryParam("after") String after,
            @QueryParam("with_content") String withContent) {
        Application app = applications.require(appId);
        String endpoint = endpoints.require(app, endpointId).getId();
        boolean content = QueryValues.bool("with_content", withContent, true);
        PageRequest page = PageRequest.parse(limit, iterator, null, true);
        StringBuilder where = new StringBuilder("e.endpoint.id = :endpoint");
        Map<String, Object> params = new HashMap<>(Map.of("endpoint", endpoint));
        if (status != null && !status.isEmpty()) {
            List<DeliveryStatus> wanted = switch (status) {
                case "0" -> List.of(DeliveryStatus.SUCCEEDED);
                case "1" -> List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED_WILL_RETRY);
                case "2" -> List.of(DeliveryStatus.EXHAUSTED);
                case "3" -> List.of(DeliveryStatus.SENDING);
                default -> throw Problem.invalid(List.of(FieldError.query("status",
                        "must be 0 (success), 1 (pending), 2 (fail) or 3 (sending)")));
            };
            where.append(" and e.status in :status");
            params.put("status", wanted);
        }
        java.time.Instant beforeAt = QueryValues.instant("before", before);
        if (beforeAt != null) {
            where.append(" and e.createdAt < :before");
            params.put("before", beforeAt);
        }
        java.time.Instant afterAt = QueryValues.instant("after", after);
        if (afterAt != null) {
            where.append(" and e.createdAt > :after");
            params.put("after", afterAt);
        }
        return page.list(em, Delivery.class, where.toString(), params, Delivery::getId,
                d -> EndpointMessageOut.of(d, content));
    }
}
