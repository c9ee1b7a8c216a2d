package dev.herald.platform.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * Documentation only: the schema of Herald's error answers in {@code /openapi}. Never
 * instantiated; problems are written by {@code ProblemBody}.
 */
@Schema(name = "ProblemDetails", description = "RFC 9457 problem document (application/problem+json), "
        + "with Svix's `code`; validation errors list each field under `errors`.",
            properties = {@SchemaProperty(name = "errors", description = "Validation errors, one per field")})
public final class ProblemDoc {
    @Schema(required = true, example = "urn:herald:problem:validation", description = "One of "
            + "urn:herald:problem:{bad-json, bad-request, unauthorized, forbidden, not-found, method-not-allowed, "
            + "conflict, payload-too-large, unsupported-media-type, validation, unavailable, internal}")
    public String type;
    @Schema(required = true)
    public String title;
    @Schema(required = true, example = "422")
    public int status;
    @Schema(required = true)
    public String detail;
    @Schema(required = true, example = "validation", description = "Svix's error code")
    public String code;
    public String instance;
    public List<FieldErrorDoc> errors;

    private ProblemDoc() {
    }

    /** Documentation only. */
    @Schema(name = "ValidationError", requiredProperties = {"loc"},
            properties = {@SchemaProperty(name = "loc", example = "[\"body\", \"url\"]")})
    public static final class FieldErrorDoc {
        public List<String> loc;
        @Schema(required = true, example = "URL must use https://")
        public String msg;
        @Schema(required = true, example = "value_error")
        public String type;

        private FieldErrorDoc() {
        }
    }
}
