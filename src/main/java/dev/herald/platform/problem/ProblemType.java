package dev.herald.platform.problem;

/**
 * The closed list of problem types Herald answers with, so clients can switch on {@code type}
 * (or on {@code code}, Svix's name for the same thing).
 */
public enum ProblemType {
    // the first type of a status is the one an answer known only by its status gets (forStatus):
    // a 400 from the container or JAX-RS is a bad request; only Herald's JSON reading says bad-json
    BAD_REQUEST(400, "Bad request"),
    BAD_JSON(400, "Malformed JSON"),
    UNAUTHORIZED(401, "Missing or invalid API token"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    VALIDATION(422, "Validation failed"),
    UNAVAILABLE(503, "Service unavailable"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The Svix-style code, e.g. {@code not_found}. */
    public String code() {
        return name().toLowerCase();
    }

    public String uri() {
        return "urn:herald:problem:" + code().replace('_', '-');
    }

    /** The type of an answer known only by its status (the container's or JAX-RS's own). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
