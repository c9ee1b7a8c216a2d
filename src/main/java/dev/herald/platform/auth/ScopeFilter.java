package dev.herald.platform.auth;

import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Keeps an application token inside its application. It runs after matching, on purpose: the
 * raw path can hide the application behind escapes, {@code ..}, matrix parameters or doubled
 * slashes, but the matched resource method and its decoded {@code {app}} parameter are exactly
 * what the resource will act on. It runs before the idempotency filter, so a refused request
 * can neither claim a key nor be answered with another caller's stored answer.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ScopeFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resource;

    @Inject
    ApiAccess access;

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = (Caller) request.getProperty(Caller.PROPERTY);
        if (caller != null && caller.isOperator()) {
            return;
        }
        Method method = resource.getResourceMethod();
        Reach reach = method == null ? Reach.OPERATOR
                : Routes.reach(request.getMethod(), Routes.template(resource.getResourceClass(), method));
        String app = request.getUriInfo().getPathParameters().getFirst("app");
        Problem refusal = access.refusal(caller, request.getMethod(), reach, app);
        if (refusal == null) {
            return;
        }
        request.abortWith(ProblemBody.response(refusal, null));
    }
}
