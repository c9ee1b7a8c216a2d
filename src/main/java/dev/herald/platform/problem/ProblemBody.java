package dev.herald.platform.problem;

import dev.herald.platform.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Renders problems as {@code application/problem+json}: for JAX-RS and for the error pages. */
public final class ProblemBody {
    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemBody() {
    }

    public static String json(ProblemType type, int status, String detail, Iterable<FieldError> errors, String instance) {
        JsonObjectBuilder body = Jsonp.PROVIDER.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", status)
                .add("detail", detail == null ? type.title() : detail)
                .add("code", type.code());
        if (instance != null) {
            body.add("instance", instance);
        }
        JsonArrayBuilder list = Jsonp.PROVIDER.createArrayBuilder();
        boolean any = false;
        for (FieldError e : errors) {
            any = true;
            JsonArrayBuilder loc = Jsonp.PROVIDER.createArrayBuilder();
            e.loc().forEach(loc::add);
            list.add(Jsonp.PROVIDER.createObjectBuilder().add("loc", loc).add("msg", e.msg()).add("type", e.type()));
        }
        if (any) {
            body.add("errors", list);
        }
        return body.build().toString();
    }

    /** The problem's answer; a 401 also says which scheme it wants ({@code WWW-Authenticate: Bearer}). */
    public static Response response(Problem problem, String instance) {
        ProblemType type = problem.type();
        Response.ResponseBuilder answer = Response.status(type.status())
                .type(MEDIA_TYPE)
                .entity(json(type, type.status(), problem.detail(), problem.errors(), instance));
        if (type == ProblemType.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.build();
    }
}
