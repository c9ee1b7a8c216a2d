package dev.herald.platform.auth;

/**
 * Who sent a request, as the bearer token says: the operator, or the holder of a token scoped to
 * one application (Svix's app-portal access). Nothing of the token itself is kept here, so a
 * caller can be logged or compared without the credential travelling along.
 */
public record Caller(String appId, boolean readOnly) {
    /** The request property under which the authentication filter leaves the caller. */
    static final String PROPERTY = Caller.class.getName();

    public static final Caller OPERATOR = new Caller(null, false);

    public static Caller ofApplication(String appId, boolean readOnly) {
        if (appId == null) {
            throw new IllegalArgumentException("an application token names its application");
        }
        return new Caller(appId, readOnly);
    }

    public boolean isOperator() {
        return appId == null;
    }
}
