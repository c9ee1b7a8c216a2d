package dev.herald.delivery.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.control.DeliveryLedger;
import dev.herald.delivery.control.OrderedLanes;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.control.Endpoints;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/app/{app}/endpoint/{endpoint}/ordering} (Herald extension): an ordered
 * endpoint's line, its head (the message everything else waits behind) and how many wait, and
 * {@code POST …/ordering/skip} to give up on a stuck head so the line moves on.
 */
@Path("app/{app}/endpoint/{endpoint}/ordering")
@Tag(name = "Endpoint")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class OrderingResource {
    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @Inject
    DeliveryLedger ledger;

    @Inject
    OrderedLanes lanes;

    @PathParam("app")
    String appId;

    @PathParam("endpoint")
    String endpointId;

    /** The head of the line: the oldest message the endpoint is owed. */
    public record HeadOut(String msgId, String deliveryId, String status, int attempts, Instant nextAttempt) {
    }

    /** {@code waiting}: messages behind the head. */
    public record OrderingOut(String ordering, HeadOut head, long waiting) {
    }

    @Operation(operationId = "v1.endpoint.get-ordering", summary = "The endpoint's line of owed messages",
            description = "For an ordered endpoint, the head holds back the rest until it succeeds or is exhausted.")
    @APIResponse(responseCode = "200", description = "The head (null when nothing is owed) and how many wait behind it")
    @GET
    public OrderingOut get() {
        Endpoint endpoint = endpoint();
        return view(endpoint.getContract().ordering(), ledger.head(endpoint.getId()));
    }

    @Operation(operationId = "v1.endpoint.skip-ordering-head", summary = "Give up on the head of the line",
            description = "Ends the head's delivery as exhausted (it can still be resent) and lets the line move on. "
                    + "409 while its attempt is under way or when nothing is owed.")
    @APIResponse(responseCode = "200", description = "The line after the skip")
    @POST
    @Path("skip")
    public OrderingOut skip() {
        Endpoint endpoint = endpoint();
        DeliveryLedger.Head head = ledger.head(endpoint.getId());
        if (head == null) {
            throw Problem.conflict("The endpoint owes nothing: there is no head to skip");
        }
        if (!ledger.skip(head.deliveryId())) {
            throw Problem.conflict("The head (" + head.msgId() + ") is being sent right now; try again when the attempt ends");
        }
        lanes.wake(endpoint.getId());
        return view(endpoint.getContract().ordering(), ledger.head(endpoint.getId()));
    }

    private Endpoint endpoint() {
        Application app = applications.require(appId);
        return endpoints.require(app, endpointId);
    }

    private static OrderingOut view(String ordering, DeliveryLedger.Head head) {
        if (head == null) {
            return new OrderingOut(ordering, null, 0);
        }
        return new OrderingOut(ordering, new HeadOut(head.msgId(), head.deliveryId(), head.status().toLowerCase()
                .replace('_', '-'), head.attempts(), head.nextAttemptAt()), head.owed() - 1);
    }
}
