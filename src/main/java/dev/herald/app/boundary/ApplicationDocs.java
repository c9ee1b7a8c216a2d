package dev.herald.app.boundary;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * Documentation only: request and list schemas of {@link ApplicationsResource} for
 * {@code /openapi}. Never instantiated; the resource reads bodies strictly with {@code Fields}.
 */
final class ApplicationDocs {
    private ApplicationDocs() {
    }

    static final String RETRY_SCHEDULE = "Herald extension: delays in seconds before each attempt of this "
            + "application's endpoints (their number is the maximum number of attempts), unless an endpoint has "
            + "its own; null returns to the server default";

    @Schema(name = "ApplicationIn", description = "POST and PUT body. Herald's own fields change only when present.",
            properties = {@SchemaProperty(name = "retrySchedule", description = RETRY_SCHEDULE, example = "[0, 5, 300]")})
    static final class In {
        @Schema(required = true, maxLength = 256, example = "Acme Hiring") public String name;
        @Schema(maxLength = 256, pattern = "^[a-zA-Z0-9\\-_.]+$", example = "acme",
                description = "Your own id for the application; usable wherever the id is")
        public String uid;
        @Schema(minimum = "1", maximum = "65535", description = "Svix's older name of throttleRate")
        public Integer rateLimit;
        @Schema(minimum = "1", maximum = "65535") public Integer throttleRate;
        public Map<String, String> metadata;
        public List<Long> retrySchedule;
        @Schema(minimum = "1", maximum = "100000",
                description = "Herald extension: at most this many endpoints (a further one is a 409)")
        public Integer maxEndpoints;
        @Schema(minimum = "2", maximum = "1048576", description = "Herald extension: largest message payload "
                + "in bytes (a larger one is a 413); default HERALD_PAYLOAD_MAX_BYTES")
        public Integer maxPayloadBytes;
    }

    @Schema(name = "ApplicationPatch", description = "PATCH body: only the fields present change; null clears.",
            properties = {@SchemaProperty(name = "retrySchedule", description = RETRY_SCHEDULE)})
    static final class Patch {
        public String name;
        public String uid;
        public Integer rateLimit;
        public Integer throttleRate;
        public Map<String, String> metadata;
        public List<Long> retrySchedule;
        public Integer maxEndpoints;
        public Integer maxPayloadBytes;
    }

    @Schema(name = "ListResponse_ApplicationOut_", requiredProperties = {"data"})
    static final class Page {
        public List<ApplicationOut> data;
        public String iterator;
        public String prevIterator;
        @Schema(required = true) public boolean done;
    }
}
