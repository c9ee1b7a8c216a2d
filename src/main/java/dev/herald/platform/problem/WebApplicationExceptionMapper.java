package dev.herald.platform.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** JAX-RS's own errors (unknown path, wrong method, wrong media type) as problem documents. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "No resource at this path";
            case METHOD_NOT_ALLOWED -> "This path does not accept that method";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            default -> type.title();
        };
        Response.ResponseBuilder answer = Response.status(status).type(ProblemBody.MEDIA_TYPE)
                .entity(ProblemBody.json(type, status, detail, List.of(), uri == null ? null : "/" + uri.getPath()));
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            answer.header("Allow", allow);
        }
        return answer.build();
    }
}
