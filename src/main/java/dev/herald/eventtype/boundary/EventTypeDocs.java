package dev.herald.eventtype.boundary;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: request and list schemas of {@link EventTypesResource} for {@code /openapi}.
 * Never instantiated; the resource reads bodies strictly with {@code Fields}.
 */
final class EventTypeDocs {
    private EventTypeDocs() {
    }

    @Schema(name = "EventTypeIn")
    static final class In {
        @Schema(required = true, maxLength = 256, pattern = "^[a-zA-Z0-9\\-_.]+$") public String name;
        @Schema(required = true, maxLength = 4096) public String description;
        public Boolean archived;
        public Boolean deprecated;
        public String featureFlag;
        @Schema(description = "JSON schemas by version, e.g. {\"1\": {…, \"examples\": […]}}")
        public Map<String, Object> schemas;
    }

    @Schema(name = "ListResponse_EventTypeOut_", requiredProperties = {"data"})
    static final class Page {
        public List<EventTypeOut> data;
        public String iterator;
        public String prevIterator;
        @Schema(required = true) public boolean done;
    }
}
