package dev.herald.ops.boundary;

import dev.herald.ops.control.Readiness;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Svix's health check: 204 when Herald can take and deliver messages. No token needed. */
@Path("health")
@RequestScoped
public class HealthResource {
    @Inject
    Readiness readiness;

    @GET
    public Response get() {
        if (!readiness.isReady()) {
            throw new Problem(ProblemType.UNAVAILABLE, "The database or the message broker is not available");
        }
        return Response.noContent().build();
    }

    @HEAD
    public Response head() {
        return get();
    }
}
