package dev.herald.message.boundary;

import dev.herald.platform.auth.ApiAccess;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemBody;
import dev.herald.platform.problem.ProblemType;
import dev.herald.platform.problem.UnexpectedExceptionMapper;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Svix's "send a message" ({@code POST /api/v1/app/{app}/msg}), taken before JAX-RS. It is the
 * call a platform makes for every event, and JAX-RS around it (routing, per-request injection,
 * filters, providers, tracing listeners) cost several times the work of the call itself. This
 * filter answers the plain form of the request with the same code as the resource
 * ({@link MessageIntake}) and the same access rules ({@link ApiAccess}); everything else goes on
 * to JAX-RS untouched: another path or method, a path with escapes, matrix parameters or dot
 * segments (JAX-RS's matching decides those), an {@code Idempotency-Key} (its store lives in
 * the JAX-RS filters), a query other than {@code with_content}.
 */
@WebFilter(urlPatterns = "/api/v1/app/*")
public class MessageIntakeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    /**
     * An application id or uid as Svix spells them, not a dot segment; anything else is JAX-RS's
     * to read (the container normalizes the path JAX-RS sees, not this raw one).
     */
    static final Pattern PATH = Pattern.compile("/api/v1/app/((?!\\.+/)[A-Za-z0-9_.\\-]{1,256})/msg/?");
    static final Pattern QUERY = Pattern.compile("with_content=[A-Za-z]{0,8}");
    static final String ROUTE = "app/{app}/msg";

    @Inject
    transient MessageIntake intake;

    @Inject
    transient ApiAccess access;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = plainMessageCreate(request);
        if (path == null) {
            chain.doFilter(request, response);
            return;
        }
        String app = PATH.matcher(path).replaceFirst("$1");
        String body;
        int status;
        // as JAX-RS words a problem: the path below /api/v1, left out for a refused token
        String instance = path.substring("/api/v1".length());
        try {
            String authorization = request.getHeader("Authorization");
            Caller caller = access.caller(authorization);
            Problem refusal = caller == null ? ApiAccess.unauthenticated(authorization != null)
                    : access.refusal(caller, "POST", ROUTE, app);
            if (refusal != null) {
                instance = null;
                throw refusal;
            }
            MessageIntake.Accepted accepted = intake.accept(app, request.getContentType(), request.getInputStream(),
                    withContent(request.getQueryString()));
            status = 202;
            body = accepted.out().json();
            response.setContentType("application/json");
        } catch (Problem problem) {
            ProblemType type = problem.type();
            status = type.status();
            body = ProblemBody.json(type, status, problem.detail(), problem.errors(), instance);
            response.setContentType(ProblemBody.MEDIA_TYPE);
            if (type == ProblemType.UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
        } catch (RuntimeException unexpected) {
            Response mapped = new UnexpectedExceptionMapper().toResponse(unexpected);
            status = mapped.getStatus();
            body = String.valueOf(mapped.getEntity());
            response.setContentType(ProblemBody.MEDIA_TYPE);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        // the bytes are UTF-8, as JSON is; no charset parameter, as JAX-RS answers
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The path (below the context root) of a plain message create, or null when JAX-RS should have the request. */
    static String plainMessageCreate(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getHeader("Idempotency-Key") != null) {
            return null;
        }
        String query = request.getQueryString();
        if (query != null && !query.isEmpty() && !QUERY.matcher(query).matches()) {
            return null;
        }
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context.isEmpty() || !uri.startsWith(context) ? uri : uri.substring(context.length());
        return PATH.matcher(path).matches() ? path : null;
    }

    static String withContent(String query) {
        return query == null || query.isEmpty() ? null : query.substring("with_content=".length());
    }
}
