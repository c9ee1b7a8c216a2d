package dev.herald.platform.durable;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * A request that may have changed something is answered only once what it committed is on disk
 * ({@link DurableWrites}): a 201 or a 204 from the API survives a {@code kill -9} a moment later.
 * It runs after the resource's transaction has committed and, being the last response filter
 * (response filters run from the highest priority to the lowest), after the other filters' writes.
 * An idempotency record stored while the body is written (IdempotencyFilter's writer interceptor)
 * comes after it: that record reaches the disk with the next store write, within H2's write delay.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class DurableAnswers implements ContainerResponseFilter {
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    DurableWrites durable;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!CHANGING.contains(request.getMethod())) {
            return;
        }
        var method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(WrittenDurably.class) && response.getStatus() < 300) {
            return;
        }
        durable.await();
    }
}
