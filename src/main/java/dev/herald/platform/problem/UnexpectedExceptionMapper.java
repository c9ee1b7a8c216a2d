package dev.herald.platform.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else. Container wrappers (EJB, CDI transactions) are unwrapped first, so a problem
 * thrown inside a transaction still reaches the client as itself. A real failure is logged with
 * an id that the answer repeats, never with request data.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());


    @Override
    public Response toResponse(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof Problem problem) {
                return ProblemBody.response(problem, null);
            }
            if (t instanceof WebApplicationException wae) {
                return new WebApplicationExceptionMapper().toResponse(wae);
            }
            if (t instanceof OptimisticLockException || t.getClass().getName().endsWith("StaleObjectStateException")) {
                return ProblemBody.response(Problem.conflict("The resource was changed concurrently; retry"), null);
            }
            if (t.getClass().getName().endsWith("ConstraintViolationException") && t.getClass().getName().contains("hibernate")) {
                return ProblemBody.response(Problem.conflict("A resource with the same unique key already exists"), null);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, thrown);
        return Response.status(500).type(ProblemBody.MEDIA_TYPE)
                .entity(ProblemBody.json(ProblemType.INTERNAL, 500, "Unexpected error; incident " + incident, List.of(), null))
                .build();
    }
}
