package dev.herald.ops.boundary;

import dev.herald.delivery.control.FirstMessageWarmup;
import dev.herald.ops.control.Readiness;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Svix's health check: 204 when Herald can take and deliver messages. No token needed. */
@Path("health")
@Tag(name = "Health")
@RequestScoped
public class HealthResource {
    @Inject
    Readiness readiness;

    @Inject
    FirstMessageWarmup warmup;

    @GET
    @Operation(operationId = "v1.health.get", summary = "204 when the database and the broker answer")
    @APIResponse(responseCode = "204", description = "Herald can take and deliver messages")
    public Response get() {
        if (!readiness.isReady()) {
            throw new Problem(ProblemType.UNAVAILABLE, "The database or the message broker is not available");
        }
        warmup.startOnce();
        return Response.noContent().build();
    }

    @HEAD
    @Operation(operationId = "v1.health.head", summary = "As GET, without a body")
    @APIResponse(responseCode = "204", description = "Herald can take and deliver messages")
    public Response head() {
        return get();
    }
}
