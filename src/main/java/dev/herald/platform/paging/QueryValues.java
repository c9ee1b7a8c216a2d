package dev.herald.platform.paging;

import dev.herald.platform.problem.FieldError;
import dev.herald.platform.problem.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query-string values read strictly: a value that cannot be understood is a 422 naming it. */
public final class QueryValues {
    private QueryValues() {
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.invalid(List.of(FieldError.query(name, "must be an ISO-8601 date-time with an offset")));
        }
    }

    public static boolean bool(String name, String value, boolean absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Problem.invalid(List.of(FieldError.query(name, "must be true or false")));
        };
    }

    /** A comma-separated list (how the Svix SDKs send arrays), or null. */
    public static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return List.of(value.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
