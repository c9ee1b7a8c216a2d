package dev.herald.platform.auth;

/** Who may take a route. */
enum Reach {
    /** Anyone, without a token (the health check). */
    PUBLIC,
    /** The operator's token only. */
    OPERATOR,
    /** The operator, or an application token for the application the path names in {@code {app}}. */
    OWN_APPLICATION,
    /** Any token, reading: the event-type catalog is shared by all applications. */
    CATALOG,
    /** Any application token, about itself (logout). */
    TOKEN_HOLDER
}
