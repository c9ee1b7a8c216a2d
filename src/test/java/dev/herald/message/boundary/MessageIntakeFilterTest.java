package dev.herald.message.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests the intake takes before JAX-RS; everything else must reach JAX-RS as it came. */
class MessageIntakeFilterTest {
    @Test
    void takesThePlainFormOfSendAMessage() {
        assertEquals("/api/v1/app/acme/msg", taken("POST", "", "/api/v1/app/acme/msg", null, Map.of()));
        assertEquals("/api/v1/app/app_01k0/msg/", taken("POST", "", "/api/v1/app/app_01k0/msg/", null, Map.of()));
        assertEquals("/api/v1/app/.a/msg", taken("POST", "", "/api/v1/app/.a/msg", null, Map.of()));
        assertEquals("/api/v1/app/a.b-c_d/msg", taken("POST", "", "/api/v1/app/a.b-c_d/msg", "with_content=false", Map.of()));
        assertEquals("/api/v1/app/acme/msg", taken("POST", "/herald", "/herald/api/v1/app/acme/msg", null, Map.of()));
        assertEquals("a.b-c_d", MessageIntakeFilter.plainMessageCreate(request("POST", "", "/api/v1/app/a.b-c_d/msg", null,
                Map.of())).app());
    }

    @Test
    void leavesEverythingElseToJaxRs() {
        // other methods and routes
        assertNull(taken("GET", "", "/api/v1/app/acme/msg", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/acme/msg/msg_1/endpoint/ep_1/resend", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/acme/endpoint", null, Map.of()));
        // paths whose meaning JAX-RS's matching decides
        assertNull(taken("POST", "", "/api/v1/app/ac%6De/msg", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/acme;x=1/msg", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/../app/acme/msg", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/other/../acme/msg", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1//app/acme/msg", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/../msg", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/./msg", null, Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/acme/msg//", null, Map.of()));
        // an idempotency key (its store lives in the JAX-RS filters) or another query
        assertNull(taken("POST", "", "/api/v1/app/acme/msg", null, Map.of("Idempotency-Key", "k1")));
        assertNull(taken("POST", "", "/api/v1/app/acme/msg", "with_content=false&x=1", Map.of()));
        assertNull(taken("POST", "", "/api/v1/app/acme/msg", "with%5Fcontent=false", Map.of()));
    }

    @Test
    void withContentIsReadAsTheResourceReadsItsQueryParameter() {
        assertNull(MessageIntakeFilter.withContent(null));
        assertEquals("false", MessageIntakeFilter.withContent("with_content=false"));
        assertEquals("", MessageIntakeFilter.withContent("with_content="));
    }

    private static String taken(String method, String context, String uri, String query, Map<String, String> headers) {
        MessageIntakeFilter.Plain plain = MessageIntakeFilter.plainMessageCreate(request(method, context, uri, query, headers));
        return plain == null ? null : plain.path();
    }

    private static HttpServletRequest request(String method, String context, String uri, String query,
            Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(MessageIntakeFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getContextPath" -> context;
                    case "getRequestURI" -> uri;
                    case "getQueryString" -> query;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
