package dev.herald.message.boundary;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * Documentation only: request and list schemas of {@link MessagesResource} for {@code /openapi}.
 * Never instantiated; the resource reads bodies strictly with {@code Fields}.
 */
final class MessageDocs {
    private MessageDocs() {
    }

    @Schema(name = "MessageIn",
            properties = {@SchemaProperty(name = "channels", description = "At most 10; an endpoint with channels gets only messages sharing one")})
    static final class In {
        @Schema(required = true, maxLength = 256, pattern = "^[a-zA-Z0-9\\-_.]+$", example = "candidate.created")
        public String eventType;
        @Schema(required = true, description = "Any JSON object, delivered byte for byte as stored; at most the "
                + "application's maxPayloadBytes (else HERALD_PAYLOAD_MAX_BYTES)",
                example = "{\"id\": \"can_1\"}")
        public Map<String, Object> payload;
        @Schema(maxLength = 256, pattern = "^[a-zA-Z0-9\\-_.]+$", description = "Your id for the event, unique in the application; usable wherever the message id is")
        public String eventId;
        public List<String> channels;
        @Schema(description = "Herald extension: per-message URL overrides, keyed by endpoint id or uid ('*': every "
                + "endpoint); each URL passes the same rules as an endpoint's own",
                example = "{\"ats\": \"https://example.com/interviews/42/webhook\"}")
        public Map<String, String> endpointUrls;
        @Schema(description = "Svix: creates the application with this message when the path names a uid not in use "
                + "(name required; uid, if given, must be the path's); ignored when the application exists")
        public Map<String, Object> application;
        @Schema(minimum = "5", maximum = "90", description = "Svix: days to keep the payload (then it is expunged to {} "
                + "once nothing is owed); default the server's retention")
        public Integer payloadRetentionPeriod;
        @Schema(minimum = "1", maximum = "2160", description = "Svix: the same in hours; not with payloadRetentionPeriod")
        public Integer payloadRetentionHours;
        @Schema(description = "Svix: rawPayload, JSON as text, is delivered byte for byte instead of payload "
                + "(Svix's Java SDK sends its payload so)")
        public Map<String, Object> transformationsParams;
    }

    @Schema(name = "EmptyResponse", description = "Svix's empty answer: {}")
    static final class Empty {
    }

    @Schema(name = "ListResponse_MessageOut_", requiredProperties = {"data"})
    static final class Page {
        public List<MessageOut> data;
        public String iterator;
        public String prevIterator;
        @Schema(required = true) public boolean done;
    }
}
