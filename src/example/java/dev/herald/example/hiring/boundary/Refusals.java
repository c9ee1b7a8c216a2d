package dev.herald.example.hiring.boundary;

import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Refusals as problem documents; a lost optimistic race (the entity's version, or the versioned
 * snapshot another transaction published first) as 409, so the caller retries on the new state.
 */
@Provider
public class Refusals implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof Refusal r) {
            return problem(r.status, r.getMessage());
        }
        if (e instanceof jakarta.ws.rs.WebApplicationException w) {
            return w.getResponse();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return problem(409, "The record was changed by another request; read it again and retry");
            }
        }
        java.util.logging.Logger.getLogger(Refusals.class.getName()).log(java.util.logging.Level.WARNING,
                "Unexpected failure", e);
        return problem(500, "Unexpected failure");
    }

    private static Response problem(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Input.JSON.createObjectBuilder()
                .add("status", status).add("detail", detail == null ? "" : detail).build()).build();
    }
}
