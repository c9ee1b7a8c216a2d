package dev.herald.platform.auth;

import java.util.function.UnaryOperator;

/**
 * Whether a caller may take a route: plain Java, so every rule is a unit test.
 *
 * <p>A path naming an application the token does not own is refused the same way whether that
 * application exists or not, so a token cannot be used to learn which ids or uids exist.
 */
final class AccessPolicy {
    enum Verdict {
        ALLOW,
        UNAUTHENTICATED,
        OPERATOR_ONLY,
        OTHER_APPLICATION,
        READ_ONLY
    }

    private AccessPolicy() {
    }

    /**
     * @param appParam     the {@code {app}} path parameter as the resource will read it, or null
     * @param resolveAppId the id of the application a path parameter names, or null if none;
     *                     the same look-up the resources use (by id, else by uid)
     */
    static Verdict decide(Caller caller, String httpMethod, Reach reach, String appParam, UnaryOperator<String> resolveAppId) {
        if (reach == Reach.PUBLIC) {
            return Verdict.ALLOW;
        }
        if (caller == null) {
            return Verdict.UNAUTHENTICATED;
        }
        if (caller.isOperator()) {
            return Verdict.ALLOW;
        }
        return switch (reach) {
            case TOKEN_HOLDER -> Verdict.ALLOW;
            case CATALOG -> isRead(httpMethod) ? Verdict.ALLOW : Verdict.OPERATOR_ONLY;
            case OWN_APPLICATION -> ownApplication(caller, httpMethod, appParam, resolveAppId);
            default -> Verdict.OPERATOR_ONLY;
        };
    }

    private static Verdict ownApplication(Caller caller, String httpMethod, String appParam, UnaryOperator<String> resolveAppId) {
        if (appParam == null || appParam.isEmpty()) {
            return Verdict.OPERATOR_ONLY; // a route listed wrongly: closed rather than open
        }
        if (caller.readOnly() && !isRead(httpMethod)) {
            return Verdict.READ_ONLY;
        }
        String named = resolveAppId.apply(appParam);
        return caller.appId().equals(named) ? Verdict.ALLOW : Verdict.OTHER_APPLICATION;
    }

    static boolean isRead(String httpMethod) {
        return "GET".equals(httpMethod) || "HEAD".equals(httpMethod);
    }
}
