package dev.herald.delivery.boundary;

import dev.herald.app.control.Applications;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsonp;
import dev.herald.platform.paging.QueryValues;
import dev.herald.subscription.control.Endpoints;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Svix's endpoint stats: how many of the messages sent to an endpoint since a time stand at
 * each status. The customer portal shows an endpoint's recent success rate from it.
 */
@Path("app/{app}/endpoint/{endpoint}/stats")
@Tag(name = "Endpoint")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class EndpointStatsResource {
    /** The window without {@code since}. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(28);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @Operation(operationId = "v1.endpoint.get-stats", summary = "Counts of the endpoint's messages by status",
            description = "Messages created in [since, until); since defaults to 28 days ago. A message waiting for "
                    + "a retry counts as pending, one whose retries are used up as fail.")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointStats")))
    @GET
    public JsonObject stats(@PathParam("app") String appId, @PathParam("endpoint") String endpointId,
            @QueryParam("since") String since, @QueryParam("until") String until) {
        Endpoint endpoint = endpoints.require(applications.require(appId), endpointId);
        Instant from = QueryValues.instant("since", since);
        Instant to = QueryValues.instant("until", until);
        var query = em.createQuery("select d.status, count(d) from Delivery d where d.endpoint.id = :ep "
                + "and d.createdAt >= :since" + (to == null ? "" : " and d.createdAt < :until") + " group by d.status",
                Object[].class)
                .setParameter("ep", endpoint.getId())
                .setParameter("since", from != null ? from : Times.now().minus(DEFAULT_WINDOW));
        if (to != null) {
            query.setParameter("until", to);
        }
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (Object[] row : query.getResultList()) {
            counts.put((DeliveryStatus) row[0], (Long) row[1]);
        }
        return Jsonp.PROVIDER.createObjectBuilder()
                .add("success", counts.getOrDefault(DeliveryStatus.SUCCEEDED, 0L))
                .add("pending", counts.getOrDefault(DeliveryStatus.PENDING, 0L)
                        + counts.getOrDefault(DeliveryStatus.FAILED_WILL_RETRY, 0L))
                .add("sending", counts.getOrDefault(DeliveryStatus.SENDING, 0L))
                .add("fail", counts.getOrDefault(DeliveryStatus.EXHAUSTED, 0L))
                .build();
    }
}
