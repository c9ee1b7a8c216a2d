package dev.herald.platform.problem;

import java.util.List;

/**
 * An RFC 9457 problem, thrown from anywhere and answered as {@code application/problem+json} by
 * {@link ProblemMapper}. The body also carries Svix's {@code code} member so clients written
 * against Svix keep working, and {@code errors} with one {@link FieldError} per invalid field.
 */
public class Problem extends RuntimeException {
    private final ProblemType type;
    private final List<FieldError> errors;

    public Problem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public Problem(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static Problem notFound(String what, String id) {
        return new Problem(ProblemType.NOT_FOUND, what + " '" + id + "' does not exist");
    }

    public static Problem conflict(String detail) {
        return new Problem(ProblemType.CONFLICT, detail);
    }

    public static Problem invalid(List<FieldError> errors) {
        StringBuilder detail = new StringBuilder();
        for (FieldError e : errors) {
            if (detail.length() > 0) {
                detail.append("; ");
            }
            detail.append(String.join(".", e.loc().subList(1, e.loc().size()))).append(": ").append(e.msg());
        }
        return new Problem(ProblemType.VALIDATION, detail.toString(), errors);
    }

    public static Problem invalidField(String field, String msg) {
        return invalid(List.of(FieldError.body(field, msg, "value_error")));
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public String detail() {
        return getMessage();
    }
}
