package dev.herald.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers a request that asks to upgrade to cleartext HTTP/2 ({@code Upgrade: h2c}) as the
 * HTTP/1.1 request it also is. Herald runs with HTTP/2 off: Payara Micro 6.2025.10 keeps every
 * HTTP/2 stream that carried a request body until its connection closes, so one client posting
 * over one upgraded connection fills the heap (docs/platform-notes.md). With HTTP/2 off, Grizzly
 * still treats any request carrying {@code Upgrade} as switching protocols: it hands the body
 * on as it comes off the wire, undecoded and without an end, and closes the connection after
 * the answer. Reading such a body to its end waits for the client to hang up, which it never
 * does: the request hung.
 *
 * <p>So this filter gives the application the body the request's own headers promise
 * ({@code Content-Length} bytes, or the chunks of {@code Transfer-Encoding: chunked}) and hides
 * the upgrade headers. RFC 9110 lets a server ignore {@code Upgrade}. Grizzly still closes the
 * connection after the answer, and the JDK's {@code HttpClient} asks again on every new cleartext
 * connection, so such a client pays a connection per request. WebSocket upgrades are left alone.
 */
public class UpgradeDecline extends HttpFilter {
    private static final Set<String> UPGRADE_HEADERS = Set.of("upgrade", "http2-settings", "connection");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new Declined(request), response);
    }

    /** The request as HTTP/1.1 would have delivered it: a framed body, no upgrade headers. */
    static final class Declined extends HttpServletRequestWrapper {
        private ServletInputStream body;
        private BufferedReader reader;

        Declined(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(Declined::hidden);
            return Collections.enumeration(names);
        }

        private static boolean hidden(String name) {
            return name != null && UPGRADE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() was called on this request");
            }
            if (body == null) {
                body = framed();
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (body != null && reader == null) {
                throw new IllegalStateException("getInputStream() was called on this request");
            }
            if (reader == null) {
                String encoding = getCharacterEncoding();
                body = framed();
                reader = new BufferedReader(new InputStreamReader(body,
                        encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding)));
            }
            return reader;
        }

        private ServletInputStream framed() throws IOException {
            ServletInputStream raw = super.getInputStream();
            String coding = super.getHeader("Transfer-Encoding");
            if (coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked")) {
                return new FramedBody.Chunked(raw);
            }
            return new FramedBody.Sized(raw, Math.max(0, getContentLengthLong()));
        }
    }
}
