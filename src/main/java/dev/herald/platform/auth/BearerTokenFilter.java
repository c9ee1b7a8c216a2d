package dev.herald.platform.auth;

import dev.herald.platform.problem.ProblemBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Every API call but the health check needs {@code Authorization: Bearer <token>}: the operator's
 * token or an application token. This filter only says who is calling; {@link ScopeFilter}
 * decides, once the route is matched, what an application token may do.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {
    @Inject
    ApiAccess access;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isPublic(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Caller caller = access.caller(header);
        if (caller != null) {
            request.setProperty(Caller.PROPERTY, caller);
        } else {
            request.abortWith(ProblemBody.response(ApiAccess.unauthenticated(header != null), null));
        }
    }

    static boolean isPublic(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("health") || p.equals("health/");
    }
}
