package dev.herald.example.hiring.control;

import java.util.List;

/** A request the domain refuses: its HTTP status, what is wrong, and for a 422 the fields. */
public class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int status;
    public final transient List<String> fields;

    public Refusal(int status, String detail, List<String> fields) {
        super(detail);
        this.status = status;
        this.fields = fields;
    }

    public static Refusal notFound(String what, String id) {
        return new Refusal(404, what + " '" + id + "' does not exist", List.of());
    }

    public static Refusal conflict(String detail) {
        return new Refusal(409, detail, List.of());
    }

    public static Refusal invalidField(String name, String message) {
        return new Refusal(422, name + ": " + message, List.of(name));
    }
}
