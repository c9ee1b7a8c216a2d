package dev.herald.platform.auth;

import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemBody;
import dev.herald.platform.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
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
    ApiToken token;

    @Inject
    AppTokens appTokens;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isPublic(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        }
        Caller caller = token.matches(presented) ? Caller.OPERATOR : appTokens.resolve(presented);
        if (caller != null) {
            request.setProperty(Caller.PROPERTY, caller);
        } else {
            // The same answer for a wrong, an unknown and an expired token, never repeating it.
            String detail = header == null ? "Send the API token as 'Authorization: Bearer <token>'"
                    : "The API token is not valid or has expired";
            Response answer = ProblemBody.response(new Problem(ProblemType.UNAUTHORIZED, detail), null);
            request.abortWith(Response.fromResponse(answer).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
    }

    static boolean isPublic(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("health") || p.equals("health/");
    }
}
