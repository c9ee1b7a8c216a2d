package dev.herald.platform.web;

import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Method;

/**
 * Runs in the HTTP codec after each request line is parsed, before Payara decodes the path. A
 * target with broken percent-escapes is rewritten to {@link ErrorPageServlet}'s bad-request path,
 * so the client gets a 400 problem document instead of Payara's empty 200. Per request, so it
 * also covers later requests on a kept-alive connection. TRACE is turned into a 405 problem.
 */
public class MalformedUriProbe extends HttpProbe.Adapter {
    static final String BAD_TARGET_PATH = "/_error/bad-target";
    static final String TRACE_PATH = "/_error/trace";

    @Override
    public void onHeaderParseEvent(Connection connection, HttpHeader header, int size) {
        if (!(header instanceof HttpRequestPacket request)) {
            return;
        }
        if (Method.TRACE.equals(request.getMethod())) {
            // Payara answers TRACE with an empty 405 of its own; answer it as a problem instead.
            request.setMethod(Method.GET);
            request.setRequestURI(TRACE_PATH);
            request.setQueryString(null);
            return;
        }
        String target = request.getRequestURIRef().getOriginalRequestURIBC().toString(StandardCharsets.ISO_8859_1);
        String query = request.getQueryString();
        String reason = UriEscapes.problem(query == null ? target : target + "?" + query);
        if (reason != null) {
            request.setRequestURI(BAD_TARGET_PATH);
            request.setQueryString("reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        }
    }
}
