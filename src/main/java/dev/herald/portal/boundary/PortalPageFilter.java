package dev.herald.portal.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The customer portal's pages ({@code /portal/}, static files in the WAR) hold an application
 * token in the browser, so they are locked down: scripts only from Herald's own files (no inline
 * script, no eval), requests only to Herald, no framing, no Referer, no MIME sniffing. A customer's
 * text that slipped into the page as markup still could not run.
 */
@WebFilter(urlPatterns = {"/portal", "/portal/*"})
public class PortalPageFilter extends HttpFilter {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        // Always revalidated, so a new Herald version's files are used at once.
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
