package dev.herald.platform.web;

import dev.herald.platform.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/**
 * A request whose Content-Type is not a media type at all ({@code json}, or two headers joined) is
 * answered 415, as the message intake answers it. JAX-RS reads the media type while it takes the
 * request in, before any of its filters or mappers, and answered a bare 400 there (the create
 * goes through JAX-RS when it carries an Idempotency-Key, as the Svix SDKs send it).
 */
public class UnreadableContentType extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        java.util.List<String> contentTypes = java.util.Collections.list(request.getHeaders("Content-Type"));
        if (contentTypes.size() > 1 || contentTypes.size() == 1 && !parses(contentTypes.get(0))) {
            ErrorPageServlet.write(response, 415, ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean parses(String contentType) {
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
