package dev.herald.platform.problem;

import java.util.List;

/** One invalid field, shaped like Svix's validation items: {@code {loc, msg, type}}. */
public record FieldError(List<String> loc, String msg, String type) {

    public static FieldError body(String field, String msg, String type) {
        return new FieldError(List.of("body", field), msg, type);
    }

    public static FieldError query(String param, String msg) {
        return new FieldError(List.of("query", param), msg, "value_error");
    }
}
