package dev.herald.platform.auth;

import dev.herald.app.control.Applications;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who is calling and whether they may take a route, for every way a request reaches Herald: the
 * JAX-RS filters ({@link BearerTokenFilter}, {@link ScopeFilter}) and the message intake that
 * answers before JAX-RS ({@code MessageIntakeFilter}). One place, so the two cannot drift.
 */
@ApplicationScoped
public class ApiAccess {
    @Inject
    ApiToken token;

    @Inject
    AppTokens appTokens;

    @Inject
    Applications applications;

    /** The caller an {@code Authorization} header names; null for none, a wrong, an unknown or an expired token. */
    public Caller caller(String authorization) {
        String presented = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        return token.matches(presented) ? Caller.OPERATOR : appTokens.resolve(presented);
    }

    /** The 401 for a request without a valid token, saying the same for a wrong, an unknown and an expired one. */
    public static Problem unauthenticated(boolean headerSent) {
        return new Problem(ProblemType.UNAUTHORIZED, headerSent ? "The API token is not valid or has expired"
                : "Send the API token as 'Authorization: Bearer <token>'");
    }

    /**
     * Null when the caller may take the route, else the problem to answer (401 or 403).
     *
     * @param template the matched path template, as {@link Routes} lists it ({@code "app/{app}/msg"})
     * @param appParam the decoded {@code {app}} path parameter, or null
     */
    public Problem refusal(Caller caller, String httpMethod, String template, String appParam) {
        return refusal(caller, httpMethod, Routes.reach(httpMethod, template), appParam);
    }

    Problem refusal(Caller caller, String httpMethod, Reach reach, String appParam) {
        AccessPolicy.Verdict verdict = AccessPolicy.decide(caller, httpMethod, reach, appParam, this::applicationId);
        return switch (verdict) {
            case ALLOW -> null;
            case UNAUTHENTICATED -> unauthenticated(false);
            case OPERATOR_ONLY -> new Problem(ProblemType.FORBIDDEN,
                    "This call needs the operator's API token; an application token cannot make it");
            // Said the same way for an application that does not exist: no existence oracle.
            case OTHER_APPLICATION -> new Problem(ProblemType.FORBIDDEN, "This token is scoped to another application");
            case READ_ONLY -> new Problem(ProblemType.FORBIDDEN, "This token is read-only");
        };
    }

    /** The same look-up as the message intake's ({@link Applications#findView}): by id, else by uid, from memory. */
    private String applicationId(String idOrUid) {
        Applications.AppView app = applications.findView(idOrUid);
        return app == null ? null : app.id();
    }
}
