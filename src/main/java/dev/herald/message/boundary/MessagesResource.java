package dev.herald.message.boundary;

import dev.herald.platform.json.Jsonp;
import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.control.Redelivery;
import dev.herald.message.control.Messages;
import dev.herald.subscription.control.Endpoints;
import dev.herald.message.entity.Message;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.paging.PageRequest;
import dev.herald.platform.paging.QueryValues;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/app/{app}/msg}: Svix messages. Creating one answers 202; delivery is async. */
@Path("app/{app}/msg")
@Tag(name = "Message")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped // one instance: nothing is injected per request on the hottest path
@Transactional
public class MessagesResource {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    MessageIntake intake;

    @Inject
    Messages messages;

    @Inject
    Endpoints endpoints;

    @Inject
    Redelivery redelivery;

    /**
     * Not transactional itself: the message is written by the ingest batcher, in a transaction
     * shared with the requests that arrived at the same moment, and this answers 202 only once
     * that transaction is on disk. The plain form of this request is taken before JAX-RS by
     * {@link MessageIntakeFilter}, with the same {@link MessageIntake}; this method answers the
     * rest (an Idempotency-Key, an escaped path).
     */
    @Operation(operationId = "v1.message.create", summary = "Send a message",
            description = "Stored with one delivery per matching enabled endpoint and answered at once; delivery is "
                    + "asynchronous. A 202 means the message is on disk.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MessageIn")))
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MessageOut")))
    @POST
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    @dev.herald.platform.durable.WrittenDurably
    public Response create(@PathParam("app") String appId, @Context HttpHeaders headers, InputStream body,
            @QueryParam("with_content") String withContent) {
        return intake.accept(appId, headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body, withContent).response();
    }

    @Operation(operationId = "v1.message.list", summary = "List an application's messages, newest first")
    @APIResponse(responseCode = "200", description = "A page of messages",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ListResponse_MessageOut_")))
    @GET
    public ListResponse<MessageOut> list(@PathParam("app") String appId, @QueryParam("limit") String limit, @QueryParam("iterator") String iterator,
            @QueryParam("event_types") String eventTypes, @QueryParam("channel") String channel,
            @QueryParam("before") String before, @QueryParam("after") String after,
            @QueryParam("with_content") String withContent) {
        Application app = applications.require(appId);
        boolean content = QueryValues.bool("with_content", withContent, true);
        PageRequest page = PageRequest.parse(limit, iterator, null, true);
        StringBuilder where = new StringBuilder("e.app.id = :app");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("app", app.getId()));
        List<String> types = QueryValues.list(eventTypes);
        if (types != null) {
            where.append(" and e.eventType in :types");
            params.put("types", types);
        }
        if (channel != null && !channel.isEmpty()) {
            // channels are stored as a JSON array of strings; the channel's own '_' or '%' is itself
            where.append(" and e.channels like :channel escape '!'");
            params.put("channel", "%" + likeLiteral(Jsonp.PROVIDER.createValue(channel).toString()) + "%");
        }
        java.time.Instant beforeAt = QueryValues.instant("before", before);
        if (beforeAt != null) {
            where.append(" and e.timestamp < :before");
            params.put("before", beforeAt);
        }
        java.time.Instant afterAt = QueryValues.instant("after", after);
        if (afterAt != null) {
            where.append(" and e.timestamp > :after");
            params.put("after", afterAt);
        }
        return page.list(em, Message.class, where.toString(), params, Message::getId, m -> MessageOut.of(m, content));
    }

    /** Svix's resend: one more delivery of this message to this endpoint, logged as manual. */
    @Operation(operationId = "v1.message-attempt.resend", summary = "Deliver a message to an endpoint again")
    @APIResponse(responseCode = "202", description = "A fresh retry chain was queued (after the attempt under way, "
            + "if there is one)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EmptyResponse")))
    @POST
    @Path("{msg}/endpoint/{endpoint}/resend")
    public Response resend(@PathParam("app") String appId, @PathParam("msg") String msgId, @PathParam("endpoint") String endpointId) {
        Application app = applications.require(appId);
        Message message = messages.require(app, msgId);
        redelivery.resend(message, endpoints.require(app, endpointId));
        // Svix answers EmptyResponse, {}: its SDKs parse every answer body as JSON.
        return Response.accepted(JsonValue.EMPTY_JSON_OBJECT).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @Operation(operationId = "v1.message.get", summary = "Get a message by id or eventId")
    @APIResponse(responseCode = "200", description = "The message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MessageOut")))
    @GET
    @Path("{msg}")
    public MessageOut get(@PathParam("app") String appId, @PathParam("msg") String id, @QueryParam("with_content") String withContent) {
        Application app = applications.require(appId);
        return MessageOut.of(messages.require(app, id), QueryValues.bool("with_content", withContent, true));
    }

    /** Text matched by {@code like … escape '!'} as it is: its own {@code %} and {@code _} are no wildcards. */
    static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
