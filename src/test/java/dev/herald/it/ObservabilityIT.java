package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.File;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /openapi}, {@code /api-docs/} and {@code /metrics} on the real server, one deployment.
 *
 * <p>The OpenAPI drift check compares the served document with {@code docs/openapi.json}, both
 * normalized (sorted keys, without Payara's non-standard {@code endpoints} member). After an API
 * change, regenerate the file with
 * {@code mvn verify -Dtest='Nothing*' -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ObservabilityIT -Dherald.openapi.update=true}
 * and commit it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static final Path COMMITTED = Path.of("docs", "openapi.json");
    static Receiver receiver;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("herald.war")));
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    Api root(String token) {
        return new Api(Api.root(base), token);
    }

    @Test
    void theServedOpenApiDocumentIsTheCommittedOne() throws Exception {
        Api.Answer yaml = root(null).get("/openapi");
        assertEquals(200, yaml.status(), "no token needed for /openapi");
        assertTrue(yaml.body().startsWith("openapi: 3."), yaml.body().substring(0, Math.min(200, yaml.body().length())));

        String served = pretty(normalize(jsonDocument()));
        if (Boolean.getBoolean("herald.openapi.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (!served.equals(committed)) {
            fail("/openapi differs from " + COMMITTED + ". If the API change is intended, regenerate it: mvn verify "
                    + "-Dtest='Nothing*' -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ObservabilityIT "
                    + "-Dherald.openapi.update=true\nFirst difference:\n" + firstDifference(committed, served));
        }
    }

    @Test
    void theDocumentDescribesHeraldsOwnFields() {
        JsonObject doc = normalize(jsonDocument());
        JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
        JsonObject endpointIn = schemas.getJsonObject("EndpointIn").getJsonObject("properties");
        for (String field : new String[] {"method", "format", "signature", "auth", "headers", "timeoutMs", "retryOn",
                "retrySchedule"}) {
            assertTrue(endpointIn.containsKey(field), "EndpointIn." + field);
        }
        assertTrue(schemas.getJsonObject("ApplicationIn").getJsonObject("properties").containsKey("maxPayloadBytes"));
        assertTrue(schemas.getJsonObject("MessageIn").getJsonObject("properties").containsKey("endpointUrls"));
        assertTrue(schemas.getJsonObject("MessageAttemptOut").getJsonObject("properties").containsKey("attemptNumber"));
        assertEquals("bearer", doc.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearer").getString("scheme"));
        JsonObject create = doc.getJsonObject("paths").getJsonObject("/api/v1/app/{app}/msg").getJsonObject("post");
        assertEquals("v1.message.create", create.getString("operationId"));
        assertEquals("#/components/schemas/MessageIn", create.getJsonObject("requestBody").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertTrue(doc.getJsonArray("servers").stream().noneMatch(s -> s.asJsonObject().getString("url").contains("://")),
                "no absolute, machine-specific server URLs");
    }

    @Test
    void theApiDocsPageIsServedAndSelfContained() throws Exception {
        // as a browser asks for it: HTTP/1.1 without an upgrade (Payara answers a request that asks
        // to upgrade with its static files' Content-Type left out; docs/platform-notes.md)
        var browser = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var page = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Api.root(base) + "/api-docs/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("fetch(\"/openapi\""));
        assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "no external URLs");
    }

    @Test
    void metricsNeedATokenAndMoveWhenAMessageIsDelivered() {
        assertEquals(401, root(null).get("/metrics").status());
        assertEquals(401, root("not-the-token").get("/metrics").status());
        assertEquals(401, root(null).get("/metrics?scope=application").status());

        Api.Answer before = root(TOKEN).get("/metrics?scope=application");
        assertEquals(200, before.status(), before.body());
        assertTrue(before.contentType().startsWith("text/plain"), before.contentType());
        double accepted = value(before.body(), "herald_messages_accepted_total", "");
        double succeeded = value(before.body(), "herald_delivery_attempts_total", "outcome=\"succeeded\"");
        double exhausted = value(before.body(), "herald_delivery_attempts_total", "outcome=\"exhausted\"");
        double timed = value(before.body(), "herald_delivery_attempt_milliseconds_count", "");

        Api api = Api.at(base, TOKEN);
        assertEquals(201, api.post("/app", Json.createObjectBuilder().add("name", "Metrics").add("uid", "metrics").build())
                .status());
        assertEquals(201, api.post("/app/metrics/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url("/metrics-hook")).add("uid", "good").build()).status());
        Api.Answer bad = api.post("/app/metrics/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url("/status/500/metrics")).add("uid", "bad")
                .add("retrySchedule", Json.createArrayBuilder().add(0)).build());
        assertEquals(201, bad.status(), bad.body());
        String badId = bad.json().getString("id");
        assertEquals(202, api.post("/app/metrics/msg", "{\"eventType\":\"metrics.test\",\"payload\":{\"n\":1}}", null)
                .status());

        Waits.until(() -> !receiver.at("/metrics-hook").isEmpty(), Duration.ofSeconds(20));
        Waits.until(() -> {
            String text = root(TOKEN).get("/metrics?scope=application").body();
            return value(text, "herald_delivery_attempts_total", "outcome=\"exhausted\"") >= exhausted + 1
                    && value(text, "herald_delivery_attempts_total", "outcome=\"succeeded\"") >= succeeded + 1;
        }, Duration.ofSeconds(20));
        String after = root(TOKEN).get("/metrics?scope=application").body();
        assertEquals(accepted + 1, value(after, "herald_messages_accepted_total", ""), after);
        assertTrue(value(after, "herald_delivery_attempt_milliseconds_count", "") >= timed + 2, after);
        assertEquals(1, value(after, "herald_endpoint_failures_total", "endpoint=\"" + badId + "\""), after);
        assertTrue(value(after, "herald_delivery_dead_letters", "") >= 1, after);
        assertTrue(value(after, "herald_delivery_queue_depth", "") >= 0, after);
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}; 0 if none. */
    static double value(String prometheus, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(prometheus);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    JsonObject jsonDocument() {
        HttpAccept answer = HttpAccept.get(Api.root(base) + "/openapi", "application/json");
        assertEquals(200, answer.status());
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        }
    }

    /** Sorted keys; without Payara's own {@code endpoints} member (not OpenAPI), which repeats the paths. */
    static JsonObject normalize(JsonObject doc) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        new TreeMap<>(doc).forEach((k, v) -> {
            if (!k.equals("endpoints")) {
                b.add(k, sorted(v));
            }
        });
        return b.build();
    }

    static JsonValue sorted(JsonValue v) {
        if (v instanceof JsonObject o) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            new TreeMap<String, JsonValue>(o).forEach((k, x) -> b.add(k, sorted(x)));
            return b.build();
        }
        if (v instanceof JsonArray a) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            a.forEach(x -> b.add(sorted(x)));
            return b.build();
        }
        return v;
    }

    static String pretty(JsonObject doc) {
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(doc);
        }
        return out.toString().strip() + "\n";
    }

    static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "<end>";
            String r = i < y.length ? y[i] : "<end>";
            if (!l.equals(r)) {
                return "line " + (i + 1) + "\n  committed: " + l + "\n  served:    " + r;
            }
        }
        return "(none)";
    }

    /** A GET with an Accept header (Api sends its own). */
    record HttpAccept(int status, String body) {
        static HttpAccept get(String url, String accept) {
            try {
                var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url)).header("Accept", accept).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                return new HttpAccept(r.statusCode(), r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
