package dev.herald.platform.auth;

import static dev.herald.platform.auth.Reach.CATALOG;
import static dev.herald.platform.auth.Reach.OPERATOR;
import static dev.herald.platform.auth.Reach.OWN_APPLICATION;
import static dev.herald.platform.auth.Reach.PUBLIC;
import static dev.herald.platform.auth.Reach.TOKEN_HOLDER;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Every route of the API and who may take it, keyed by the HTTP method and the matched path
 * template ({@code "GET app/{app}/endpoint/{endpoint}"}). A route missing here is the operator's
 * alone: a new resource is closed to application tokens until someone decides otherwise, and
 * RoutesTest fails until it is listed.
 */
final class Routes {
    private static final Map<String, Reach> TABLE = Map.ofEntries(
            Map.entry("GET health", PUBLIC),
            Map.entry("HEAD health", PUBLIC),

            // The application list and the applications themselves belong to the operator; an
            // application token may read its own application, which the portal shows.
            Map.entry("GET app", OPERATOR),
            Map.entry("POST app", OPERATOR),
            Map.entry("GET app/{app}", OWN_APPLICATION),
            Map.entry("PUT app/{app}", OPERATOR),
            Map.entry("PATCH app/{app}", OPERATOR),
            Map.entry("DELETE app/{app}", OPERATOR),

            Map.entry("GET app/{app}/endpoint", OWN_APPLICATION),
            Map.entry("POST app/{app}/endpoint", OWN_APPLICATION),
            Map.entry("GET app/{app}/endpoint/{endpoint}", OWN_APPLICATION),
            Map.entry("PUT app/{app}/endpoint/{endpoint}", OWN_APPLICATION),
            Map.entry("PATCH app/{app}/endpoint/{endpoint}", OWN_APPLICATION),
            Map.entry("DELETE app/{app}/endpoint/{endpoint}", OWN_APPLICATION),
            // The signing secret lets its holder forge deliveries the receiver trusts; a portal
            // token lives in a browser session, so the secret stays with the operator.
            Map.entry("GET app/{app}/endpoint/{endpoint}/secret", OPERATOR),
            Map.entry("POST app/{app}/endpoint/{endpoint}/recover", OWN_APPLICATION),
            // Rotating answers the new secret once, as creating does: the customer who owns the
            // receiver rotates and copies it in the portal (docs/decisions.md).
            Map.entry("POST app/{app}/endpoint/{endpoint}/secret/rotate", OWN_APPLICATION),
            // Svix's endpoint stats: counts of the endpoint's messages by status.
            Map.entry("GET app/{app}/endpoint/{endpoint}/stats", OWN_APPLICATION),
            // GET leaves out the values of sensitive headers.
            Map.entry("GET app/{app}/endpoint/{endpoint}/headers", OWN_APPLICATION),
            Map.entry("PUT app/{app}/endpoint/{endpoint}/headers", OWN_APPLICATION),
            Map.entry("PATCH app/{app}/endpoint/{endpoint}/headers", OWN_APPLICATION),
            Map.entry("POST app/{app}/endpoint/{endpoint}/send-example", OWN_APPLICATION),
            Map.entry("GET app/{app}/endpoint/{endpoint}/msg", OWN_APPLICATION),
            // an ordered endpoint's line; skipping its head is the customer's call as much as a resend
            Map.entry("GET app/{app}/endpoint/{endpoint}/ordering", OWN_APPLICATION),
            Map.entry("POST app/{app}/endpoint/{endpoint}/ordering/skip", OWN_APPLICATION),

            Map.entry("GET app/{app}/msg", OWN_APPLICATION),
            Map.entry("POST app/{app}/msg", OWN_APPLICATION),
            Map.entry("GET app/{app}/msg/{msg}", OWN_APPLICATION),
            Map.entry("POST app/{app}/msg/{msg}/endpoint/{endpoint}/resend", OWN_APPLICATION),

            Map.entry("GET app/{app}/attempt/endpoint/{endpoint}", OWN_APPLICATION),
            Map.entry("GET app/{app}/attempt/msg/{msg}", OWN_APPLICATION),
            Map.entry("GET app/{app}/delivery", OWN_APPLICATION),

            Map.entry("GET operational-webhook/endpoint", OPERATOR),
            Map.entry("POST operational-webhook/endpoint", OPERATOR),
            Map.entry("GET operational-webhook/endpoint/{endpoint}", OPERATOR),
            Map.entry("PUT operational-webhook/endpoint/{endpoint}", OPERATOR),
            Map.entry("DELETE operational-webhook/endpoint/{endpoint}", OPERATOR),
            Map.entry("GET operational-webhook/endpoint/{endpoint}/secret", OPERATOR),
            Map.entry("POST operational-webhook/endpoint/{endpoint}/secret/rotate", OPERATOR),

            Map.entry("GET event-type", CATALOG),
            Map.entry("GET event-type/{name}", CATALOG),
            Map.entry("POST event-type", OPERATOR),

            Map.entry("POST auth/app-portal-access/{app}", OPERATOR),
            Map.entry("POST auth/dashboard-access/{app}", OPERATOR),
            Map.entry("POST auth/app/{app}/expire-all", OPERATOR),
            Map.entry("POST auth/logout", TOKEN_HOLDER),
            // The portal asks what its own token may do.
            Map.entry("GET auth/session", TOKEN_HOLDER));

    private Routes() {
    }

    /** HEAD is answered by the GET method (JAX-RS does so), so it has the same reach. */
    static Reach reach(String httpMethod, String template) {
        Reach listed = TABLE.get(httpMethod + " " + template);
        if (listed == null && "HEAD".equals(httpMethod)) {
            listed = TABLE.get("GET " + template);
        }
        return listed == null ? OPERATOR : listed;
    }

    /** Every listed route, as {@code "METHOD template"}. */
    static java.util.Set<String> listed() {
        return TABLE.keySet();
    }

    /**
     * The template a resource method answers at, read from the same annotations JAX-RS matched,
     * so the check cannot disagree with the routing about which route this is.
     */
    static String template(Class<?> resource, Method method) {
        Class<?> annotated = resource;
        while (annotated != null && !annotated.isAnnotationPresent(Path.class)) {
            annotated = annotated.getSuperclass(); // a container proxy subclasses the resource
        }
        String base = annotated == null ? "" : annotated.getAnnotation(Path.class).value();
        Path sub = method.getAnnotation(Path.class);
        return join(base, sub == null ? "" : sub.value());
    }

    static String join(String base, String sub) {
        String b = trim(base);
        String s = trim(sub);
        return b.isEmpty() ? s : s.isEmpty() ? b : b + "/" + s;
    }

    private static String trim(String path) {
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
