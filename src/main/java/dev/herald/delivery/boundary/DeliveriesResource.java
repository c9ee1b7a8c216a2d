package dev.herald.delivery.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.paging.PageRequest;
import dev.herald.platform.problem.FieldError;
import dev.herald.platform.problem.Problem;
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
 * {@code /api/v1/app/{app}/delivery}: Herald's own view of what is owed, newest first.
 * {@code ?status=exhausted} is the dead-letter view: deliveries that failed for good, which
 * {@code …/endpoint/{ep}/recover} or a resend can bring back.
 */
@Path("app/{app}/delivery")
@Tag(name = "Delivery")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class DeliveriesResource {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    dev.herald.subscription.control.Endpoints endpoints;

    @PathParam("app")
    String appId;

    @Operation(operationId = "herald.delivery.list", summary = "What is owed, per message and endpoint",
            description = "Herald extension. status=exhausted is the dead-letter view.")
    @APIResponse(responseCode = "200", description = "A page of deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ListResponse_DeliveryOut_")))
    @GET
    public ListResponse<DeliveryOut> list(@QueryParam("status") String status, @QueryParam("endpoint") String endpoint,
            @QueryParam("limit") String limit, @QueryParam("iterator") String iterator) {
        Application app = applications.require(appId);
        PageRequest page = PageRequest.parse(limit, iterator, null, true);
        StringBuilder where = new StringBuilder("e.message.app.id = :app");
        Map<String, Object> params = new HashMap<>(Map.of("app", app.getId()));
        if (status != null && !status.isEmpty()) {
            DeliveryStatus wanted = null;
            for (DeliveryStatus s : DeliveryStatus.values()) {
                if (s.name().toLowerCase().replace('_', '-').equals(status)) {
                    wanted = s;
                }
            }
            if (wanted == null) {
                throw Problem.invalid(List.of(FieldError.query("status",
                        "must be one of pending, sending, succeeded, failed-will-retry, exhausted")));
            }
            where.append(" and e.status = :status");
            params.put("status", wanted);
        }
        if (endpoint != null && !endpoint.isEmpty()) {
            where.append(" and e.endpoint.id = :endpoint");
            params.put("endpoint", endpoints.require(app, endpoint).getId());
        }
        return page.list(em, Delivery.class, where.toString(), params, Delivery::getId, DeliveryOut::of);
    }
}
