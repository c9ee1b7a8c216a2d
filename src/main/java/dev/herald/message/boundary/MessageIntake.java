package dev.herald.message.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.message.control.IngestBatcher;
import dev.herald.message.control.MessageLimits;
import dev.herald.message.entity.Message;
import dev.herald.platform.json.Fields;
import dev.herald.platform.json.JsonBody;
import dev.herald.platform.paging.QueryValues;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import dev.herald.subscription.control.UrlGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Svix's "send a message": reads the request, checks it, and hands the message to the ingest's
 * group commit, answering once it is on disk. Shared by the JAX-RS resource
 * ({@link MessagesResource#create}) and the intake filter that takes the same request before
 * JAX-RS does ({@link MessageIntakeFilter}), so both answer exactly alike.
 */
@ApplicationScoped
public class MessageIntake {
    static final long INGEST_TIMEOUT_MILLIS = 30_000;
    /** Svix's event type names; compiled once, not on every message. */
    static final java.util.regex.Pattern EVENT_TYPE = java.util.regex.Pattern.compile("^[a-zA-Z0-9\\-_.]+$");

    @Inject
    Applications applications;

    @Inject
    IngestBatcher batcher;

    @Inject
    @ConfigProperty(name = "herald.payload.max-bytes", defaultValue = "262144")
    int maxPayloadBytes;

    /** The 202's body. */
    /** The message accepted, and its payload's JSON text when the answer echoes the payload as sent. */
    public record Accepted(MessageOut out, String payloadText) {
        public Response response() {
            return Response.accepted(payloadText != null ? out.json(payloadText) : out.json())
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /**
     * @param contentType the request's Content-Type, null when it sent none (a 415, as Svix answers)
     * @param withContent Svix's {@code with_content} query parameter, or null
     */
    public Accepted accept(String appId, String contentType, InputStream body, String withContent) {
        // read before the body, so a bad value is refused without writing anything
        boolean content = QueryValues.bool("with_content", withContent, true);
        Applications.AppView app = applications.findView(appId);
        int limit = MessageLimits.maxPayloadBytes(app == null ? null : app.maxPayloadBytes(), maxPayloadBytes);
        JsonObject json = JsonBody.readObject(contentType, body, limit + 16 * 1024);
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
        Set<String> channels = f.optionalChannelSet("channels", 10);
        // Herald extension: a URL that replaces an endpoint's for this message only (a per-object
        // override, like TalentSprout's per-interview webhook URL), keyed by endpoint id or uid.
        Map<String, String> endpointUrls = f.optionalStringMap("endpointUrls", 64);
        if (endpointUrls != null) {
            endpointUrls.forEach((key, url) -> {
                String problem = url.length() > UrlGuard.MAX_URL_LENGTH
                        ? "must be at most " + UrlGuard.MAX_URL_LENGTH + " characters" : UrlGuard.syntaxProblem(url);
                if (problem != null) {
                    f.error("endpointUrls." + key, problem, "value_error.url");
                }
            });
        }
        f.validate();
        String payloadJson = rawPayload != null ? rawPayload : payload.toString();
        if (payloadJson.getBytes(StandardCharsets.UTF_8).length > limit) {
            throw new Problem(ProblemType.PAYLOAD_TOO_LARGE, "The payload is larger than " + limit + " bytes");
        }
        // only for a message that will be taken: a refused one leaves no application behind
        if (app == null) {
            Application created = applications.createOnFirstMessage(newApp.uid(), newApp.name(), newApp.metadataJson());
            app = new Applications.AppView(created.getId(), created.getMaxPayloadBytes());
        }
        Message message = batcher.accept(app.id(), eventType, payloadJson, eventId, channels,
                endpointUrls == null ? Map.of() : endpointUrls, retention, INGEST_TIMEOUT_MILLIS);
        // payloadJson is payload's own text when the payload came as an object; a rawPayload is
        // answered as its parsed value is written (compact), as before
        return new Accepted(MessageOut.of(message, !content ? JsonValue.EMPTY_JSON_OBJECT
                : rawPayload != null ? raw[0] : payload), content && rawPayload == null ? payloadJson : null);
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
}
