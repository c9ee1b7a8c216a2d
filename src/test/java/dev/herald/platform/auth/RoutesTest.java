package dev.herald.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route the WAR serves is listed with its reach, and nothing listed is stale: adding a
 * resource method makes this fail until someone decides whether application tokens may use it.
 */
class RoutesTest {

    @Test
    void everyResourceMethodIsListedAndEveryListedRouteExists() throws Exception {
        Set<String> served = servedRoutes();
        Set<String> unlisted = new TreeSet<>(served);
        unlisted.removeAll(Routes.listed());
        assertEquals(Set.of(), unlisted, "routes without a reach in Routes");
        Set<String> stale = new TreeSet<>(Routes.listed());
        stale.removeAll(served);
        assertEquals(Set.of(), stale, "listed routes that no resource serves");
        assertTrue(served.size() > 25, served.toString());
    }

    @Test
    void templatesJoinTheClassAndMethodPathsAsJaxRsDoes() throws Exception {
        assertEquals("app/{app}/endpoint/{endpoint}", Routes.join("app/{app}/endpoint", "{endpoint}"));
        assertEquals("app", Routes.join("/app/", ""));
        assertEquals("health", Routes.join("health", "/"));
        Method secret = Class.forName("dev.herald.subscription.boundary.EndpointsResource")
                .getMethod("secret", String.class);
        assertEquals("app/{app}/endpoint/{endpoint}/secret",
                Routes.template(Class.forName("dev.herald.subscription.boundary.EndpointsResource"), secret));
    }

    @Test
    void headFollowsGetAndAnUnlistedRouteIsTheOperators() {
        assertEquals(Reach.OWN_APPLICATION, Routes.reach("HEAD", "app/{app}/msg"));
        assertEquals(Reach.OPERATOR, Routes.reach("OPTIONS", "app/{app}/msg"));
        assertEquals(Reach.OPERATOR, Routes.reach("GET", "app/{app}/something-new"));
    }

    /** The main classes' JAX-RS resource methods, as {@code "METHOD template"}. */
    private static Set<String> servedRoutes() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(Routes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> routes = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, RoutesTest.class.getClassLoader());
                if (!type.isAnnotationPresent(Path.class)) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (Annotation a : method.getAnnotations()) {
                        HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                        if (http != null) {
                            routes.add(http.value() + " " + Routes.template(type, method));
                        }
                    }
                }
            }
        }
        return routes;
    }
}
