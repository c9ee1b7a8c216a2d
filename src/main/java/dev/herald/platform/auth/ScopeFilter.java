package dev.herald.platform.auth;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemBody;
import dev.herald.platform.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
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
    Applications applications;

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
        AccessPolicy.Verdict verdict = AccessPolicy.decide(caller, request.getMethod(), reach, app, this::applicationId);
        String detail = switch (verdict) {
            case ALLOW -> null;
            case UNAUTHENTICATED -> "Send the API token as 'Authorization: Bearer <token>'";
            case OPERATOR_ONLY -> "This call needs the operator's API token; an application token cannot make it";
            // Said the same way for an application that does not exist: no existence oracle.
            case OTHER_APPLICATION -> "This token is scoped to another application";
            case READ_ONLY -> "This token is read-only";
        };
        if (detail == null) {
            return;
        }
        if (verdict == AccessPolicy.Verdict.UNAUTHENTICATED) {
            Response answer = ProblemBody.response(new Problem(ProblemType.UNAUTHORIZED, detail), null);
            request.abortWith(Response.fromResponse(answer).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        } else {
            request.abortWith(ProblemBody.response(new Problem(ProblemType.FORBIDDEN, detail), null));
        }
    }

    /** The same look-up as the resources' ({@link Applications#require}): by id, else by uid. */
    private String applicationId(String idOrUid) {
        Application app = applications.find(idOrUid);
        return app == null ? null : app.getId();
    }
}
