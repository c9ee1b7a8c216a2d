package dev.herald.platform.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {
    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Problem problem) {
        return ProblemBody.response(problem, uri == null ? null : "/" + uri.getPath());
    }
}
