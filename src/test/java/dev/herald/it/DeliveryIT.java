package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton's story on the real server: Payara Micro with the embedded broker and an
 * H2 file database, the packaged WAR, and a real HTTP receiver on loopback. One deployment for
 * the whole class, because each server start costs seconds.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class DeliveryIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static Receiver receiver;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The WAR that `mvn package` built (named ROOT.war so it serves at "/"), plus a
        // test-only resource that rolls back an ingest.
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("herald.war")))
                .addClasses(RollbackProbe.class);
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    String root() {
        return Api.root(base);
    }

    Api api() {
        return Api.at(base, TOKEN);
    }

    static String appId;
    static String endpointId;
    static String secret;

    @Test
    @Order(1)
    void healthAnswersWithoutATokenAndReadinessChecksDatabaseAndBroker() {
        assertEquals(204, api().withToken(null).get("/health").status());
        Api.Answer ready = new Api(root() + "/health", null).get("/ready");
        assertEquals(200, ready.status(), ready.body());
        JsonObject check = ready.json().getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("herald")).findFirst().orElseThrow();
        assertEquals("up", check.getJsonObject("data").getString("database"));
        assertEquals("up", check.getJsonObject("data").getString("broker"));
    }

    @Test
    @Order(2)
    void theApiRefusesAMissingOrWrongToken() {
        for (Api client : List.of(api().withToken(null), api().withToken("not-the-token"))) {
            Api.Answer answer = client.get("/app");
            assertEquals(401, answer.status());
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
            assertEquals(401, answer.json().getInt("status"));
        }
    }

    @Test
    @Order(3)
    void createsAnApplicationAndFindsItByIdAndByUid() {
        Api.Answer created = api().post("/app/", Json.createObjectBuilder().add("name", "Acme Hiring").add("uid", "acme")
                .add("metadata", Json.createObjectBuilder().add("plan", "gold")).build());
        assertEquals(201, created.status(), created.body());
        appId = created.json().getString("id");
        assertTrue(appId.startsWith("app_"));
        assertEquals("gold", created.json().getJsonObject("metadata").getString("plan"));

        assertEquals(appId, api().get("/app/acme").json().getString("id"));
        assertEquals("Acme Hiring", api().get("/app/" + appId).json().getString("name"));
        assertTrue(api().get("/app").json().getJsonArray("data").stream()
                .anyMatch(a -> a.asJsonObject().getString("id").equals(appId)));

        Api.Answer duplicate = api().post("/app", Json.createObjectBuilder().add("name", "Again").add("uid", "acme").build());
        assertEquals(409, duplicate.status());

        // PUT is Svix's upsert: it creates under a new uid, then replaces; PATCH changes only what it names.
        Api.Answer upserted = api().method("PUT", "/app/beta", "{\"name\":\"Beta\"}");
        assertEquals(201, upserted.status(), upserted.body());
        assertEquals("beta", upserted.json().getString("uid"));
        Api.Answer replaced = api().method("PUT", "/app/beta", "{\"name\":\"Beta Two\",\"uid\":\"beta\"}");
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals(upserted.json().getString("id"), replaced.json().getString("id"));
        Api.Answer patched = api().method("PATCH", "/app/beta", "{\"metadata\":{\"tier\":\"trial\"}}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals("Beta Two", patched.json().getString("name"));
        assertEquals("trial", patched.json().getJsonObject("metadata").getString("tier"));
        assertEquals(204, api().method("DELETE", "/app/beta", null).status());
        assertEquals(404, api().get("/app/beta").status());
    }

    @Test
    @Order(4)
    void createsAnEndpointButRefusesPrivateOrPlainHttpTargets() {
        Api.Answer created = api().post("/app/acme/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url("/hook")).add("description", "ATS receiver")
                .add("filterTypes", Json.createArrayBuilder().add("candidate.created").add("failing.event")).build());
        assertEquals(201, created.status(), created.body());
        endpointId = created.json().getString("id");
        assertEquals(List.of("candidate.created", "failing.event"), created.json().getJsonArray("filterTypes")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(s -> s.getString()).toList());
        assertTrue(created.json().getString("secret").startsWith("whsec_"), "the secret is shown once, at creation");
        assertFalse(api().get("/app/acme/endpoint/" + created.json().getString("id")).body().contains("whsec_"),
                "the secret is not part of the endpoint resource");

        secret = api().get("/app/acme/endpoint/" + endpointId + "/secret").json().getString("key");
        assertTrue(secret.startsWith("whsec_"));

        for (String url : List.of("http://10.1.2.3/hook", "https://192.168.0.10/hook", "https://[::1]/hook",
                "https://0177.0.0.2/hook", "https://2130706434/hook", "https://user@127.0.0.1/hook",
                "http://0177.0.0.1/hook", "https://0127.0.0.1/hook",
                "http://127.0.0.1.nip.invalid/hook")) {
            Api.Answer refused = api().post("/app/acme/endpoint", Json.createObjectBuilder().add("url", url).build());
            assertEquals(422, refused.status(), url + " -> " + refused.body());
            assertEquals("url", refused.json().getJsonArray("errors").getJsonObject(0).getJsonArray("loc").getString(1));
        }
    }

    @Test
    @Order(5)
    void aMessageIsDeliveredOnceSignedAndItsAttemptIsLogged() throws Exception {
        String body = "{\"eventType\":\"candidate.created\",\"payload\":{\"id\":\"can_1\",\"name\":\"Ada\",\"tags\":[\"x\"]}}";
        String key = "test-" + UUID.randomUUID();
        Api.Answer first = api().post("/app/acme/msg", body, key);
        assertEquals(202, first.status(), first.body());
        String msgId = first.json().getString("id");
        Api.Answer repeat = api().post("/app/acme/msg", body, key);
        assertEquals(202, repeat.status());
        assertEquals(msgId, repeat.json().getString("id"), "a repeated Idempotency-Key answers the first answer");
        Api.Answer reused = api().post("/app/acme/msg", body.replace("Ada", "Bob"), key);
        assertEquals(422, reused.status(), "the same key with another body is refused: " + reused.body());

        Waits.until(() -> !receiver.at("/hook").isEmpty(), Duration.ofSeconds(20));
        Thread.sleep(1000); // a duplicate, if any, would arrive meanwhile
        List<Receiver.Request> got = receiver.at("/hook");
        assertEquals(1, got.size(), "one message, one delivery");
        Receiver.Request request = got.get(0);
        assertEquals("{\"id\":\"can_1\",\"name\":\"Ada\",\"tags\":[\"x\"]}", request.body());
        assertEquals(msgId, request.header("webhook-id"));
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - timestamp) < 60);
        assertEquals(expectedSignature(secret, msgId, timestamp, request.body()), request.header("webhook-signature"));

        Waits.until(() -> api().get("/app/acme/attempt/msg/" + msgId).json().getJsonArray("data").size() == 1,
                Duration.ofSeconds(10));
        JsonObject attempt = api().get("/app/acme/attempt/msg/" + msgId).json().getJsonArray("data").getJsonObject(0);
        assertEquals(0, attempt.getInt("status"));
        assertEquals(200, attempt.getInt("responseStatusCode"));
        assertEquals("answer from /hook", attempt.getString("response"));
        assertTrue(attempt.getJsonNumber("responseDurationMs").longValue() >= 0);
        assertEquals(endpointId, attempt.getString("endpointId"));
        assertNotNull(attempt.getString("timestamp"));
        JsonObject byEndpoint = api().get("/app/acme/attempt/endpoint/" + endpointId).json();
        assertEquals(attempt.getString("id"), byEndpoint.getJsonArray("data").getJsonObject(0).getString("id"));

        assertEquals(1, api().get("/app/acme/msg").json().getJsonArray("data").stream()
                .filter(m -> m.asJsonObject().getString("id").equals(msgId)).count());
    }

    @Test
    @Order(6)
    void eventTypesOutsideTheEndpointsFilterAreNotDelivered() throws Exception {
        int before = receiver.requests.size();
        Api.Answer accepted = api().post("/app/acme/msg", Json.createObjectBuilder().add("eventType", "invoice.paid")
                .add("payload", Json.createObjectBuilder().add("n", 1)).build());
        assertEquals(202, accepted.status());
        Thread.sleep(2000);
        assertEquals(before, receiver.requests.size());
        assertEquals(0, api().get("/app/acme/attempt/msg/" + accepted.json().getString("id")).json()
                .getJsonArray("data").size());
    }

    @Test
    @Order(7)
    void aFailingReceiverIsRetriedOnTheScheduleUntilExhausted() {
        // Herald's retrySchedule extension: three attempts, a second apart.
        Api.Answer endpoint = api().post("/app/acme/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url("/status/503")).add("filterTypes", Json.createArrayBuilder().add("failing.event"))
                .add("retrySchedule", Json.createArrayBuilder().add(0).add(1).add(1)).build());
        assertEquals(201, endpoint.status());
        String failing = endpoint.json().getString("id");
        Api.Answer accepted = api().post("/app/acme/msg", Json.createObjectBuilder().add("eventType", "failing.event")
                .add("payload", Json.createObjectBuilder().add("n", 2)).build());
        String msgId = accepted.json().getString("id");

        Waits.until(() -> api().get("/app/acme/attempt/endpoint/" + failing).json().getJsonArray("data").size() == 3,
                Duration.ofSeconds(30));
        var attempts = api().get("/app/acme/attempt/endpoint/" + failing).json().getJsonArray("data");
        for (int i = 0; i < 3; i++) {
            JsonObject a = attempts.getJsonObject(i);
            assertEquals(2, a.getInt("status"));
            assertEquals(503, a.getInt("responseStatusCode"));
            assertEquals(3 - i, a.getInt("attemptNumber"), "newest first");
        }
        assertEquals(3, receiver.at("/status/503").size());
        // the same webhook-id on every attempt, so receivers can deduplicate
        assertTrue(receiver.at("/status/503").stream().allMatch(r -> msgId.equals(r.header("webhook-id"))));
        // the healthy endpoint filtered on failing.event too, and got it once
        assertEquals(1, receiver.at("/hook").stream().filter(r -> msgId.equals(r.header("webhook-id"))).count());
    }

    @Test
    @Order(8)
    void aRolledBackIngestLeavesNoMessageAndSendsNothing() throws Exception {
        int before = receiver.at("/hook").size();
        Api.Answer probe = api().post("/_test/ingest-then-rollback/acme/candidate.created", "{}", null);
        assertEquals(200, probe.status(), probe.body());
        String msgId = probe.json().getString("msgId");
        Thread.sleep(3000);
        assertEquals(404, api().get("/app/acme/msg/" + msgId).status());
        assertEquals(before, receiver.at("/hook").size(), "a rolled-back ingest must queue nothing");

        // The same endpoint does receive a committed message: the silence above is the rollback.
        api().post("/app/acme/msg", Json.createObjectBuilder().add("eventType", "candidate.created")
                .add("payload", Json.createObjectBuilder()).build());
        Waits.until(() -> receiver.at("/hook").size() == before + 1, Duration.ofSeconds(20));
    }

    @Test
    @Order(9)
    void badRequestsGetProblemDocumentsNamingTheField() {
        record Case(String method, String path, String body, int status, String field) {
        }
        for (Case c : List.of(
                new Case("POST", "/app", "{\"name\":", 400, null),
                new Case("POST", "/app", "[1,2]", 400, null),
                new Case("POST", "/app", "{}", 422, "name"),
                new Case("POST", "/app", "{\"name\":42}", 422, "name"),
                new Case("POST", "/app/acme/endpoint", "{\"url\":\"https://example.com\",\"disabled\":1}", 422, "disabled"),
                new Case("POST", "/app/acme/endpoint", "{\"url\":\"notaurl\"}", 422, "url"),
                new Case("POST", "/app/acme/msg", "{\"payload\":{}}", 422, "eventType"),
                new Case("POST", "/app/acme/msg", "{\"eventType\":\"a.b\",\"payload\":\"text\"}", 422, "payload"),
                new Case("GET", "/app/app_00000000000000000000000000", null, 404, null),
                new Case("GET", "/app/acme/endpoint/ep_nope", null, 404, null),
                new Case("GET", "/app/acme/msg/msg_nope", null, 404, null),
                new Case("GET", "/app/nope/attempt/msg/msg_nope", null, 404, null),
                new Case("GET", "/app?limit=banana", null, 422, "limit"),
                new Case("GET", "/no/such/path", null, 404, null),
                new Case("POST", "/app/acme/endpoint", "{\"url\":\"https://example.com:99999/\"}", 422, "url"),
                new Case("POST", "/app/acme/endpoint", "{\"url\":\"https://example.com/\",\"filterTypes\":[]}", 422, "filterTypes"),
                new Case("POST", "/app/acme/msg", "{\"eventType\":\"a.b\",\"payload\":{\"n\":" + "9".repeat(2000) + "}}", 400, null),
                new Case("POST", "/app/acme/msg", "{\"eventType\":\"a.b\",\"payload\":{\"s\":\"\\ud800\"}}", 400, null),
                new Case("GET", "/app/acme/attempt/msg/msg_00000000000000000000000000", null, 404, null),
                new Case("GET", "/app/acme/msg?before=yesterday", null, 422, "before"),
                new Case("GET", "/app/acme/msg?with_content=maybe", null, 422, "with_content"),
                new Case("GET", "/app?iterator=msg_00000000000000000000000000", null, 422, "iterator"),
                new Case("DELETE", "/event-type", null, 405, null))) {
            Api.Answer answer = "GET".equals(c.method()) ? api().get(c.path())
                    : c.method().equals("POST") ? api().post(c.path(), c.body(), null) : api().method(c.method(), c.path(), c.body());
            String what = c.method() + " " + c.path() + " " + c.body() + " -> " + answer.body();
            assertEquals(c.status(), answer.status(), what);
            assertTrue(answer.contentType().startsWith("application/problem+json"), what);
            JsonObject problem = answer.json();
            assertEquals(c.status(), problem.getInt("status"), what);
            assertTrue(problem.getString("type").startsWith("urn:herald:problem:"), what);
            assertFalse(problem.getString("detail").isBlank(), what);
            if (c.field() != null) {
                assertEquals(c.field(), problem.getJsonArray("errors").getJsonObject(0).getJsonArray("loc").getString(1), what);
            }
        }
    }

    /**
     * A plain "send a message" is answered before JAX-RS (MessageIntakeFilter); with an
     * Idempotency-Key it goes through the JAX-RS resource. Both must answer every case alike.
     */
    @Test
    @Order(9)
    void theMessageIntakeBeforeJaxRsAnswersAsTheResourceDoes() {
        record Case(String path, String contentType, String body, String token, int status) {
        }
        String big = "{\"eventType\":\"a.b\",\"payload\":{\"s\":\"" + "x".repeat(300_000) + "\"}}";
        int n = 0;
        for (Case c : List.of(
                new Case("/app/acme/msg", "application/json", "{\"eventType\":\"intake.same\",\"payload\":{\"n\":1},"
                        + "\"channels\":[\"c1\"]}", TOKEN, 202),
                new Case("/app/acme/msg?with_content=false", "application/json",
                        "{\"eventType\":\"intake.same\",\"payload\":{\"n\":2}}", TOKEN, 202),
                new Case("/app/acme/msg/", "application/json; charset=utf-8",
                        "{\"eventType\":\"intake.same\",\"payload\":{\"n\":3}}", TOKEN, 202),
                new Case("/app/acme/msg?with_content=maybe", "application/json",
                        "{\"eventType\":\"intake.same\",\"payload\":{}}", TOKEN, 422),
                new Case("/app/acme/msg", "application/json", "{\"payload\":{}}", TOKEN, 422),
                new Case("/app/acme/msg", "application/json", "{\"eventType\":\"a b\",\"payload\":{}}", TOKEN, 422),
                new Case("/app/acme/msg", "application/json", "{\"eventType\":", TOKEN, 400),
                new Case("/app/acme/msg", "text/plain", "{\"eventType\":\"a.b\",\"payload\":{}}", TOKEN, 415),
                new Case("/app/acme/msg", null, "{\"eventType\":\"a.b\",\"payload\":{}}", TOKEN, 415),
                new Case("/app/acme/msg", "application/json", big, TOKEN, 413),
                new Case("/app/no-such-app/msg", "application/json", "{\"eventType\":\"a.b\",\"payload\":{}}", TOKEN, 404),
                new Case("/app/acme/msg", "application/json", "{\"eventType\":\"a.b\",\"payload\":{}}", null, 401),
                new Case("/app/acme/msg", "application/json", "{\"eventType\":\"a.b\",\"payload\":{}}", "wrong", 401))) {
            Api client = Api.at(base, c.token());
            Api.Answer plain = client.postAs(c.path(), c.contentType(), c.body());
            Api.Answer viaJaxRs = client.postAs(c.path(), c.contentType(), c.body(), "Idempotency-Key", "intake-" + (++n));
            String what = c.path() + " " + c.contentType() + " " + c.body().substring(0, Math.min(80, c.body().length()))
                    + " -> " + plain.body() + " / " + viaJaxRs.body();
            assertEquals(c.status(), plain.status(), what);
            assertEquals(c.status(), viaJaxRs.status(), what);
            assertEquals(viaJaxRs.contentType().replace(" ", "").toLowerCase(), plain.contentType().replace(" ", "").toLowerCase(), what);
            JsonObject a = plain.json();
            JsonObject b = viaJaxRs.json();
            assertEquals(b.keySet(), a.keySet(), what);
            if (c.status() == 202) {
                assertEquals(b.get("payload"), a.get("payload"), what);
                assertEquals(b.get("channels"), a.get("channels"), what);
                assertNotEquals(b.getString("id"), a.getString("id"), what);
                assertEquals(b.getString("eventType"), a.getString("eventType"), what);
                java.time.Instant plainAt = java.time.Instant.parse(a.getString("timestamp"));
                java.time.Instant jaxRsAt = java.time.Instant.parse(b.getString("timestamp"));
                assertTrue(Math.abs(java.time.Duration.between(plainAt, jaxRsAt).toMillis()) < 30_000, what);
            } else {
                for (String key : List.of("type", "title", "status", "detail", "instance", "errors")) {
                    assertEquals(b.get(key), a.get(key), key + ": " + what);
                }
            }
        }
    }

    @Test
    @Order(10)
    void malformedRequestTargetsGetA400ProblemEvenOnAKeptAliveConnection() throws Exception {
        // The JDK's HTTP client refuses to send such targets; a client written in another
        // language does not, so this speaks HTTP/1.1 over a socket. Each bad target comes second
        // on a kept-alive connection, where a per-connection check would no longer look.
        String body = "{\"eventType\":\"a.b\",\"payload\":{}}";
        for (String target : List.of("/api/v1/app/50%off/msg", "/api/v1/app/a%00b", "/api/v1/app/%C3%28/msg",
                "/api/v1/app?limit=%zz", "/%")) {
            try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000);
                var out = socket.getOutputStream();
                var in = new java.io.BufferedInputStream(socket.getInputStream());
                for (String t : List.of("/api/v1/app/acme", target)) {
                    out.write(("POST " + t + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                            + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                            + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    RawAnswer answer = RawAnswer.read(in);
                    if (!t.equals(target)) {
                        assertEquals(405, answer.status(), "POST on an application is not allowed; the connection stays open");
                        continue;
                    }
                    assertEquals(400, answer.status(), target + " -> " + answer.body());
                    assertTrue(answer.contentType().startsWith("application/problem+json"), target);
                    assertTrue(answer.body().contains("\"status\":400"), answer.body());
                }
            }
        }
        Api.Answer trace = api().method("TRACE", "/app", null);
        assertEquals(405, trace.status());
        assertTrue(trace.contentType().startsWith("application/problem+json"), trace.contentType());
    }

    /** One HTTP/1.1 answer with a Content-Length body, read off a kept-alive connection. */
    @Test
    @Order(11)
    void theSvixSdkAndStandardWebhooksVerifiersWorkAgainstHerald() throws Exception {
        File dir = new File(System.getProperty("herald.nodeDir"));
        assertTrue(new File(dir, "node_modules/svix").isDirectory(),
                "npm packages missing: the build runs 'npm ci' in src/test/node before the integration tests");
        NodeScript.run("svix-sdk-check.mjs", Map.of("HERALD_URL", root(), "HERALD_TOKEN", TOKEN), "");
    }

    @Test
    @Order(12)
    void aPayloadSentAsTheJavaSdkSendsItArrivesByteForByte() throws Exception {
        // Svix's Java SDK (1.61.1 and later) sends "payload": {} and the payload as text in
        // transformationsParams.rawPayload: the receiver must get that text, not {}.
        String raw = "{ \"id\" : \"can_7\",\n  \"name\":\"Zoë\", \"score\": 1.50 }";
        JsonObject body = Json.createObjectBuilder().add("eventType", "candidate.created")
                .add("payload", Json.createObjectBuilder())
                .add("transformationsParams", Json.createObjectBuilder().add("rawPayload", raw)).build();
        int before = receiver.at("/hook").size();
        Api.Answer accepted = api().post("/app/acme/msg", body);
        assertEquals(202, accepted.status(), accepted.body());
        String msgId = accepted.json().getString("id");
        assertEquals("can_7", accepted.json().getJsonObject("payload").getString("id"), "the answer shows the raw payload");

        Waits.until(() -> receiver.at("/hook").size() > before, Duration.ofSeconds(20));
        Receiver.Request got = receiver.at("/hook").get(before);
        assertEquals(raw, got.body(), "delivered byte for byte, spacing and number spelling included");
        assertEquals(msgId, got.header("webhook-id"));
        long timestamp = Long.parseLong(got.header("webhook-timestamp"));
        assertEquals(expectedSignature(secret, msgId, timestamp, raw), got.header("webhook-signature"));
        assertEquals("Zoë", api().get("/app/acme/msg/" + msgId).json().getJsonObject("payload").getString("name"));

        Api.Answer notJson = api().post("/app/acme/msg", Json.createObjectBuilder().add("eventType", "candidate.created")
                .add("payload", Json.createObjectBuilder())
                .add("transformationsParams", Json.createObjectBuilder().add("rawPayload", "{\"id\": ")).build());
        assertEquals(422, notJson.status(), notJson.body());
        assertTrue(notJson.body().contains("transformationsParams.rawPayload"), notJson.body());
    }

    static String expectedSignature(String secret, String msgId, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] digest = mac.doFinal((msgId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }
}
