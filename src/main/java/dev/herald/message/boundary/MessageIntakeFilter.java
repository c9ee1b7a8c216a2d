package dev.herald.message.boundary;

import dev.herald.platform.auth.ApiAccess;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemBody;
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
import java.util.regex.Matcher;
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

    /** A request the intake takes: its path below the context root, and the application it names. */
    record Plain(String path, String app) {
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Plain plain = plainMessageCreate(request);
        if (plain == null) {
            chain.doFilter(request, response);
            return;
        }
        Response answer;
        try {
            String authorization = request.getHeader("Authorization");
            Caller caller = access.caller(authorization);
            Problem refusal = caller == null ? ApiAccess.unauthenticated(authorization != null)
                    : access.refusal(caller, "POST", ROUTE, plain.app());
            // as the JAX-RS filters answer a refusal: without an instance
            answer = refusal != null ? ProblemBody.response(refusal, null)
                    : intake.accept(plain.app(), request.getContentType(), request.getInputStream(),
                            withContent(request.getQueryString())).response();
        } catch (Problem problem) {
            // as ProblemMapper words it: the path below /api/v1
            answer = ProblemBody.response(problem, plain.path().substring("/api/v1".length()));
        } catch (RuntimeException unexpected) {
            answer = new UnexpectedExceptionMapper().toResponse(unexpected);
        }
        write(answer, response);
    }

    /** The answer as JAX-RS would write it: its status, headers and text, in UTF-8 without a charset parameter. */
    private static void write(Response answer, HttpServletResponse response) throws IOException {
        byte[] bytes = String.valueOf(answer.getEntity()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(v -> response.addHeader(name, v));
            }
        });
        response.setContentType(answer.getMediaType().toString());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The plain message create this request is, or null when JAX-RS should have it. */
    static Plain plainMessageCreate(HttpServletRequest request) {
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
        Matcher m = PATH.matcher(path);
        return m.matches() ? new Plain(path, m.group(1)) : null;
    }

    static String withContent(String query) {
        return query == null || query.isEmpty() ? null : query.substring("with_content=".length());
    }
}
