package dev.herald.message.boundary;

import dev.herald.platform.json.Jsonp;
import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.control.Redelivery;
import dev.herald.message.control.IngestBatcher;
import dev.herald.message.control.Messages;
import dev.herald.subscription.control.Endpoints;
import dev.herald.message.entity.Message;
import dev.herald.platform.json.Fields;
import dev.herald.platform.json.JsonBody;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.paging.PageRequest;
import dev.herald.platform.paging.QueryValues;
import java.util.List;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import dev.herald.message.control.MessageLimits;
import dev.herald.subscription.control.UrlGuard;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    static final long INGEST_TIMEOUT_MILLIS = 30_000;
    /** Svix's event type names; compiled once, not on every message. */
    static final java.util.regex.Pattern EVENT_TYPE = java.util.regex.Pattern.compile("^[a-zA-Z0-9\\-_.]+$");

    @Inject
    IngestBatcher batcher;

    @Inject
    Messages messages;

    @Inject
    Endpoints endpoints;

    @Inject
    Redelivery redelivery;

    @Inject
    @ConfigProperty(name = "herald.payload.max-bytes", defaultValue = "262144")
    int maxPayloadBytes;

    /**
     * Not transactional itself: the message is written by the ingest batcher, in a transaction
     * shared with the requests that arrived at the same moment, and this answers 202 only once
     * that transaction has committed.
     */
    @Operation(operationId = "v1.message.create", summary = "Send a message",
            description = "Stored with one delivery per matching enabled endpoint and answered at once; delivery is "
                    + "asynchronous. A 202 means the message is on disk.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MessageIn")))
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MessageOut")))
    @POST
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Response create(@PathParam("app") String appId, @Context HttpHeaders headers, InputStream body,
            @QueryParam("with_content") String withContent) {
        Applications.AppView app = applications.findView(appId);
        int limit = MessageLimits.maxPayloadBytes(app == null ? null : app.maxPayloadBytes(), maxPayloadBytes);
        JsonObject json = JsonBody.readObject(headers, body, limit + 16 * 1024);
        Fields f = Fields.of(json);
        if (app == null && !f.has("application")) {
            throw Problem.notFound("Application", appId);
        }
        NewApplication newApp = app == null ? NewApplication.read(f, appId) : null;
        Duration retention = payloadRetention(f);
        String eventType = f.requiredString("eventType", 256);
        if (eventType != null && !EVENT_TYPE.matcher(eventType).matches()) {
            f.error("eventType", "may contain only letters, digits, '-', '_' and '.'", "value_error.str.regex");
        }
        // Svix's Java SDK (since 1.61.1) sends "payload": {} and the real payload as text in
        // transformationsParams.rawPayload; Svix delivers that text byte for byte, and so does Herald.
        JsonValue[] raw = new JsonValue[1];
        String rawPayload = rawPayload(f, json, raw);
        JsonObject payload = rawPayload != null && !f.has("payload") ? null : f.requiredObject("payload");
        String eventId = f.optionalUid("eventId");
        Set<String> channels = f.optionalStringSet("channels", 10, 128);
        // Herald extension: a URL that replaces an endpoint's for this message only (a per-object
        // override, like TalentSprout's per-interview webhook URL), keyed by endpoint id or uid.
        Map<String, String> endpointUrls = f.optionalStringMap("endpointUrls", 64);
        if (endpointUrls != null) {
            endpointUrls.forEach((key, url) -> {
                String problem = url.length() > 2048 ? "must be at most 2048 characters" : UrlGuard.syntaxProblem(url);
                if (problem != null) {
                    f.error("endpointUrls." + key, problem, "value_error.url");
                }
            });
        }
        f.validate();
        if (app == null) {
            Application created = applications.createOnFirstMessage(newApp.uid(), newApp.name(), newApp.metadataJson());
            app = new Applications.AppView(created.getId(), created.getMaxPayloadBytes());
        }
        String payloadJson = rawPayload != null ? rawPayload : payload.toString();
        if (payloadJson.getBytes(StandardCharsets.UTF_8).length > limit) {
            throw new Problem(ProblemType.PAYLOAD_TOO_LARGE, "The payload is larger than " + limit + " bytes");
        }
        Message message = batcher.accept(app.id(), eventType, payloadJson, eventId, channels,
                endpointUrls == null ? Map.of() : endpointUrls, INGEST_TIMEOUT_MILLIS);
        if (retention != null) {
            messages.expirePayloadAt(message.getId(), message.getTimestamp().plus(retention));
        }
        boolean content = QueryValues.bool("with_content", withContent, true);
        return Response.accepted(MessageOut.of(message, !content ? JsonValue.EMPTY_JSON_OBJECT
                : rawPayload != null ? raw[0] : payload)).build();
    }

    /**
     * Svix's {@code payloadRetentionPeriod} (days, 5 to 90) or {@code payloadRetentionHours}
     * (1 to 2160), at most one of them; null when neither is given.
     */
    static Duration payloadRetention(Fields f) {
        Integer days = f.optionalInt("payloadRetentionPeriod", 5, 90);
        Integer hours = f.optionalInt("payloadRetentionHours", 1, 2160);
        if (days != null && hours != null) {
            f.error("payloadRetentionHours", "give payloadRetentionPeriod or payloadRetentionHours, not both",
                    "value_error");
            return null;
        }
        return days != null ? Duration.ofDays(days) : hours != null ? Duration.ofHours(hours) : null;
    }

    /**
     * Svix's {@code application} in {@code MessageIn}: when the path names no application yet,
     * the message creates it, under the path's uid. Ignored when the application exists.
     */
    record NewApplication(String uid, String name, String metadataJson) {
        static NewApplication read(Fields f, String pathUid) {
            JsonObject in = f.requiredObject("application");
            if (in == null) {
                return null;
            }
            Fields a = f.nested("application", in);
            String name = a.requiredString("name", 256);
            String uid = a.optionalUid("uid");
            Map<String, String> metadata = a.optionalStringMap("metadata", 64);
            if (!Fields.isUid(pathUid) || pathUid.startsWith("app_")) {
                f.error("application", "the path names no application and is not a uid one could be created under",
                        "value_error");
            } else if (uid != null && !uid.equals(pathUid)) {
                f.error("application.uid", "must be the uid the path names ('" + pathUid + "')", "value_error");
            }
            return new NewApplication(pathUid, name,
                    metadata == null ? null : dev.herald.platform.json.JsonText.ofMap(metadata));
        }
    }

    /**
     * {@code transformationsParams.rawPayload}, checked to be JSON within the body's limits, or
     * null when absent; a field error when it is not JSON text.
     */
    static String rawPayload(Fields f, JsonObject body, JsonValue[] parsed) {
        if (!f.has("transformationsParams")) {
            return null;
        }
        JsonObject params = Fields.of(body).requiredObject("transformationsParams");
        if (params == null) {
            f.error("transformationsParams", "must be a JSON object", "type_error.dict");
            return null;
        }
        JsonValue raw = params.get("rawPayload");
        if (raw == null || raw.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(raw instanceof JsonString text)) {
            f.error("transformationsParams.rawPayload", "must be a string holding JSON", "type_error.str");
            return null;
        }
        try {
            parsed[0] = JsonBody.parseText(text.getString(), "rawPayload");
        } catch (Problem notJson) {
            f.error("transformationsParams.rawPayload", "must hold JSON text: " + notJson.detail(), "value_error.json");
            return null;
        }
        return text.getString();
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
            // channels are stored as a JSON array of strings
            where.append(" and e.channels like :channel");
            params.put("channel", "%" + Jsonp.PROVIDER.createValue(channel).toString() + "%");
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
}
