package dev.herald.platform.web;

import dev.herald.platform.auth.ApiToken;
import dev.herald.platform.problem.ProblemBody;
import dev.herald.platform.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Guards Payara's MicroProfile Metrics endpoint. Payara serves {@code /metrics} inside the web
 * module at the root context, which is Herald's ROOT.war, so this filter sees those requests
 * (the JAX-RS filters do not: {@code /metrics} is outside {@code /api/v1}).
 *
 * <p>A scraper sends {@code Authorization: Bearer <HERALD_METRICS_TOKEN>}; the operator's API
 * token works too. {@code HERALD_METRICS_PUBLIC=true} leaves the endpoint open, for a scraper
 * on a network that is already private. Application tokens never read metrics.
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"})
public class MetricsAccessFilter extends HttpFilter {
    @Inject
    ApiToken apiToken;

    @Inject
    @ConfigProperty(name = "herald.metrics.token")
    Optional<String> metricsToken;

    @Inject
    @ConfigProperty(name = "herald.metrics.public", defaultValue = "false")
    boolean open;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (open || allowed(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        String detail = request.getHeader("Authorization") == null
                ? "Send HERALD_METRICS_TOKEN (or the operator's API token) as 'Authorization: Bearer <token>'"
                : "The token is not valid for /metrics";
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType(ProblemBody.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(ProblemBody.json(ProblemType.UNAUTHORIZED, 401, detail, List.of(), null)
                .getBytes(StandardCharsets.UTF_8));
    }

    private boolean allowed(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String presented = header.substring(7).trim();
        if (apiToken.matches(presented)) {
            return true;
        }
        return metricsToken.filter(t -> !t.isBlank()).map(t -> MessageDigest.isEqual(
                t.trim().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))).orElse(false);
    }
}
