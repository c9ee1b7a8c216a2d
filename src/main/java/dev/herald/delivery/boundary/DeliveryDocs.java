package dev.herald.delivery.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: request and list schemas of the delivery resources for {@code /openapi}.
 * Never instantiated; the resources read bodies strictly with {@code Fields}.
 */
final class DeliveryDocs {
    private DeliveryDocs() {
    }

    @Schema(name = "ListResponse_MessageAttemptOut_", requiredProperties = {"data"})
    static final class AttemptPage {
        public List<AttemptOut> data;
        public String iterator;
        public String prevIterator;
        @Schema(required = true) public boolean done;
    }

    @Schema(name = "ListResponse_DeliveryOut_", requiredProperties = {"data"})
    static final class DeliveryPage {
        public List<DeliveryOut> data;
        public String iterator;
        public String prevIterator;
        @Schema(required = true) public boolean done;
    }

    @Schema(name = "ListResponse_EndpointMessageOut_", requiredProperties = {"data"})
    static final class EndpointMessagePage {
        public List<EndpointMessageOut> data;
        public String iterator;
        public String prevIterator;
        @Schema(required = true) public boolean done;
    }

    @Schema(name = "EndpointStats", description = "Messages to the endpoint by status")
    static final class EndpointStats {
        @Schema(required = true) public long success;
        @Schema(required = true, description = "Not yet sent, or waiting for a retry") public long pending;
        @Schema(required = true) public long sending;
        @Schema(required = true, description = "Failed for good (exhausted)") public long fail;
    }

    @Schema(name = "EventExampleIn", description = "Every field optional; without eventType Herald sends webhook.test")
    static final class EventExampleIn {
        @Schema(description = "An event type of the catalog: its schema's example is sent") public String eventType;
        @Schema(minimum = "0", maximum = "1000", description = "Which of the schema's examples")
        public Integer exampleIndex;
    }
}
