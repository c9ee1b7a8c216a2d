package dev.herald.delivery.boundary;

import dev.herald.app.control.Applications;
import dev.herald.delivery.control.TestSend;
import dev.herald.platform.json.Fields;
import dev.herald.platform.json.JsonBody;
import dev.herald.subscription.control.Endpoints;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/app/{app}/endpoint/{ep}/send-example} (Svix): sends one example event
 * through the endpoint's real contract, synchronously, and answers with the outcome. Not
 * transactional itself: the HTTP exchange must run outside any transaction.
 */
@Path("app/{app}/endpoint/{endpoint}/send-example")
@Tag(name = "Endpoint")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class SendExampleResource {
    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @Inject
    TestSend testSend;

    @PathParam("app")
    String appId;

    @PathParam("endpoint")
    String endpointId;

    @Operation(operationId = "v1.endpoint.send-example", summary = "A test send, now, through the endpoint's contract",
            description = "Answers when the attempt is done; the attempt appears in the delivery log.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EventExampleIn")))
    @APIResponse(responseCode = "200", description = "The outcome, success or not",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SendExampleOut")))
    @POST
    public TestSend.Result send(@Context HttpHeaders headers, InputStream body) {
        Fields f = Fields.of(JsonBody.readOptionalObject(headers, body, 64 * 1024));
        String eventType = f.optionalString("eventType", 256);
        Integer exampleIndex = f.optionalInt("exampleIndex", 0, 1000);
        f.validate();
        String endpoint = testSend.resolveEndpoint(appId, endpointId);
        return testSend.send(endpoint, eventType, exampleIndex == null ? 0 : exampleIndex);
    }
}
