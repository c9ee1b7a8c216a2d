package dev.herald.platform.web;

import dev.herald.platform.problem.ProblemBody;
import dev.herald.platform.problem.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The container's own error answers (unknown paths outside the API, a {@code %2F} in a path
 * segment, …) as problem documents instead of Payara's HTML pages. Mapped in web.xml.
 */
@WebServlet({"/_error", MalformedUriProbe.BAD_TARGET_PATH, MalformedUriProbe.TRACE_PATH})
public class ErrorPageServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MalformedUriProbe.BAD_TARGET_PATH.equals(request.getServletPath())) {
            write(response, 400, ProblemType.BAD_REQUEST, request.getParameter("reason"));
            return;
        }
        if (MalformedUriProbe.TRACE_PATH.equals(request.getServletPath())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            write(response, 405, ProblemType.METHOD_NOT_ALLOWED, "TRACE is not supported");
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "No resource at this path";
            case METHOD_NOT_ALLOWED -> "This path does not accept that method";
            case INTERNAL -> "Unexpected error";
            default -> type.title();
        };
        write(response, status, type, detail);
    }

    /** A problem document as the answer, from a servlet or a filter. */
    static void write(HttpServletResponse response, int status, ProblemType type, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(ProblemBody.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(ProblemBody.json(type, status, detail, List.of(), null)
                .getBytes(StandardCharsets.UTF_8));
    }
}
