package dev.herald.platform.web;

import dev.herald.platform.json.JsonBody;
import dev.herald.platform.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A request whose Content-Type is not a media type at all ({@code json}, or two headers joined) is
 * answered 415, as the message intake answers it. JAX-RS reads the media type while it takes the
 * request in, before any of its filters or mappers, and answered a bare 400 there (the create
 * goes through JAX-RS when it carries an Idempotency-Key, as the Svix SDKs send it).
 */
public class UnreadableContentType extends HttpFilter {
    private static final long serialVersionUID = 1L;

    /**
     * Header values that parsed, so that a client's one spelling ({@code application/json}) is not
     * parsed again for every message: JsonBody parses it once more on the create's path. Bounded,
     * since clients choose the text.
     */
    private static final java.util.Set<String> PARSED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int PARSED_MAX = 64;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        java.util.Enumeration<String> contentTypes = request.getHeaders("Content-Type");
        if (contentTypes.hasMoreElements()) {
            String first = contentTypes.nextElement();
            if (contentTypes.hasMoreElements() || !parses(first)) {
                ErrorPageServlet.write(response, 415, ProblemType.UNSUPPORTED_MEDIA_TYPE, JsonBody.SEND_JSON);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean parses(String contentType) {
        if (PARSED.contains(contentType)) {
            return true;
        }
        if (JsonBody.mediaType(contentType) == null) {
            return false;
        }
        if (PARSED.size() < PARSED_MAX) {
            PARSED.add(contentType);
        }
        return true;
    }
}
