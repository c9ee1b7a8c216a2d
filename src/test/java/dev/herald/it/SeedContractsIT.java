package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Each seed vendor's webhook contract, configured on an endpoint and checked at a real receiver
 * the way that vendor's customers would check it: method, body shape, headers, signature (with
 * the seed's own verification snippet where it gives one), timeout and retry rule.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class SeedContractsIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static Receiver receiver;
    static String sproutSecret;
    static String sproutEndpoint;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("herald.war")))
                .addClasses(SealedProbe.class);
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    Api api() {
        return Api.at(base, TOKEN);
    }

    String app(String uid, JsonObject extra) {
        var b = Json.createObjectBuilder().add("name", uid).add("uid", uid);
        extra.forEach(b::add);
        Api.Answer app = api().post("/app", b.build());
        assertEquals(201, app.status(), app.body());
        return uid;
    }

    JsonObject endpoint(String app, JsonObject body) {
        Api.Answer created = api().post("/app/" + app + "/endpoint", body);
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    String send(String app, String eventType, JsonObject payload) {
        return send(app, Json.createObjectBuilder().add("eventType", eventType).add("payload", payload).build());
    }

    String send(String app, JsonObject message) {
        Api.Answer accepted = api().post("/app/" + app + "/msg", message);
        assertEquals(202, accepted.status(), accepted.body());
        return accepted.json().getString("id");
    }

    static JsonArrayBuilder list(Object... items) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (Object i : items) {
            if (i instanceof Number n) {
                b.add(n.longValue());
            } else {
                b.add(i.toString());
            }
        }
        return b;
    }

    static JsonObject parse(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    Receiver.Request awaitOne(String path) {
        Waits.until(() -> receiver.at(path).size() >= 1, Duration.ofSeconds(20));
        return receiver.at(path).get(0);
    }

    /** Runs TalentSprout's documented Node verification snippet, read from the seed itself. */
    static String seedVerifier(JsonArray cases) throws Exception {
        return NodeScript.run("seed-verify.cjs", java.util.Map.of("HERALD_SEEDS_DIR",
                System.getProperty("herald.seedsDir")), cases.toString());
    }

    // --- TalentSprout: Stripe-style signature, HTTPS, per-interview override, one attempt, 30 s ---

    @Test
    @Order(1)
    void talentSproutSignatureIsAcceptedByTheSeedsOwnSnippet() throws Exception {
        app("talentsprout", Json.createObjectBuilder().build());
        JsonObject ep = endpoint("talentsprout", Json.createObjectBuilder().add("url", receiver.url("/ts/global"))
                .add("filterTypes", list("interview.completed", "interview.abandoned"))
                .add("signature", Json.createObjectBuilder().add("scheme", "timestamped-hmac"))
                .add("retrySchedule", list(0)).add("timeoutMs", 30000).build());
        sproutEndpoint = ep.getString("id");
        sproutSecret = ep.getString("secret");
        assertTrue(sproutSecret.startsWith("whsec_"), "the secret is shown once, at creation");
        assertEquals("timestamped-hmac", ep.getJsonObject("signature").getString("scheme"));
        assertEquals("X-TalentSprout-Signature", ep.getJsonObject("signature").getString("header"));
        assertFalse(api().get("/app/talentsprout/endpoint/" + sproutEndpoint).body().contains(sproutSecret),
                "GET never shows the secret");

        JsonObject payload = Json.createObjectBuilder().add("event", "interview.completed").add("api_version", "v1")
                .add("interview", Json.createObjectBuilder().add("id", "int_42").add("title", "Backend engineer"))
                .add("candidate", Json.createObjectBuilder().add("first_name", "Ada").add("full_name", "Ada Lovelace"))
                .add("scores", Json.createObjectBuilder().add("overall", 87.5)).build();
        String msg = send("talentsprout", "interview.completed", payload);
        Receiver.Request got = awaitOne("/ts/global");
        assertEquals("POST", got.method());
        assertEquals(payload, parse(got.body()), "the raw payload is the body, no envelope");
        assertEquals(msg, got.header("webhook-id"));
        String header = got.header("X-TalentSprout-Signature");
        assertTrue(header.matches("t=\\d+,v1=[0-9a-f]{64}"), header);
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 60);
        JsonArray cases = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("body", got.body()).add("header", header).add("secret", sproutSecret))
                .add(Json.createObjectBuilder().add("body", got.body() + " ").add("header", header)
                        .add("secret", sproutSecret).add("expect", false))
                .build();
        String out = seedVerifier(cases);
        assertFalse(out.contains("not ok"), out);
    }

    @Test
    @Order(2)
    void aPerInterviewOverrideUrlReplacesTheGlobalOneForThatMessage() {
        String msg = send("talentsprout", Json.createObjectBuilder().add("eventType", "interview.abandoned")
                .add("payload", Json.createObjectBuilder().add("interview", Json.createObjectBuilder().add("id", "int_7")))
                .add("endpointUrls", Json.createObjectBuilder().add(sproutEndpoint, receiver.url("/ts/interview-7")))
                .build());
        Receiver.Request got = awaitOne("/ts/interview-7");
        assertEquals(msg, got.header("webhook-id"));
        assertEquals(1, receiver.at("/ts/global").size(), "the global URL did not get this one");
        // the override obeys the same URL rules as an endpoint's own URL
        Api.Answer refused = api().post("/app/talentsprout/msg", Json.createObjectBuilder()
                .add("eventType", "interview.abandoned").add("payload", JsonValue.EMPTY_JSON_OBJECT)
                .add("endpointUrls", Json.createObjectBuilder().add(sproutEndpoint, "https://10.0.0.8/hook")).build());
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertTrue(refused.body().contains("endpointUrls"), refused.body());
    }

    @Test
    @Order(3)
    void talentSproutDoesNotRetryAndLogsTheFailure() throws Exception {
        String msg = send("talentsprout", Json.createObjectBuilder().add("eventType", "interview.completed")
                .add("payload", Json.createObjectBuilder().add("n", 3))
                .add("endpointUrls", Json.createObjectBuilder().add(sproutEndpoint, receiver.url("/status/500/ts")))
                .build());
        Waits.until(() -> api().get("/app/talentsprout/attempt/msg/" + msg).json().getJsonArray("data").size() == 1,
                Duration.ofSeconds(20));
        Thread.sleep(2500);
        JsonArray log = api().get("/app/talentsprout/attempt/msg/" + msg).json().getJsonArray("data");
        assertEquals(1, log.size(), "one attempt, no retry");
        assertEquals("500", log.getJsonObject(0).getString("httpStatus"));
        assertEquals("HTTP 500", log.getJsonObject(0).getString("error"));
        assertEquals(1, receiver.at("/status/500/ts").size());
    }

    @Test
    @Order(4)
    void aRotatedSecretSignsBesideTheOldOneAndSecretsAreSealedAtRest() throws Exception {
        var rotated = api().post("/app/talentsprout/endpoint/" + sproutEndpoint + "/secret/rotate", "{}", null);
        assertEquals(204, rotated.status(), "Svix's answer to a rotation: " + rotated.body());
        String fresh = api().get("/app/talentsprout/endpoint/" + sproutEndpoint + "/secret").json().getString("key");
        assertFalse(fresh.equals(sproutSecret));
        send("talentsprout", Json.createObjectBuilder().add("eventType", "interview.completed")
                .add("payload", Json.createObjectBuilder().add("n", 4))
                .add("endpointUrls", Json.createObjectBuilder().add(sproutEndpoint, receiver.url("/ts/rotated"))).build());
        Receiver.Request got = awaitOne("/ts/rotated");
        String header = got.header("X-TalentSprout-Signature");
        assertTrue(header.matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}"), "both secrets sign: " + header);
        String out = seedVerifier(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("body", got.body()).add("header", header).add("secret", fresh))
                .build());
        assertFalse(out.contains("not ok"), "the seed's snippet, reading the last v1, checks the new secret\n" + out);

        JsonObject raw = api().get("/_test/sealed/" + sproutEndpoint).json();
        for (String column : List.of("secret", "previousSecret")) {
            assertTrue(raw.getString(column).startsWith("sealed:v1:"), column + " is sealed at rest");
        }
        assertFalse(raw.toString().contains(fresh) || raw.toString().contains(sproutSecret));
    }

    // --- TalentLynk: envelope, bearer/custom-header auth, 3 attempts on 5xx/network, 4xx final ---

    @Test
    @Order(10)
    void talentLynkGetsTheEnvelopeWithItsBearerToken() throws Exception {
        app("talentlynk", Json.createObjectBuilder().add("maxEndpoints", 2).build());
        JsonObject ep = endpoint("talentlynk", Json.createObjectBuilder().add("url", receiver.url("/tl/crm"))
                .add("description", "CRM sync").add("filterTypes", list("transcript.created"))
                .add("format", "envelope")
                .add("auth", Json.createObjectBuilder().add("type", "bearer").add("token", "tl-bearer-7Hq"))
                .add("retrySchedule", list(0, 2, 4)).add("retryOn", list("5xx", "network")).add("timeoutMs", 10000)
                .build());
        assertEquals("********", ep.getJsonObject("auth").getString("token"));
        assertFalse(api().get("/app/talentlynk/endpoint/" + ep.getString("id")).body().contains("tl-bearer-7Hq"));
        JsonObject transcript = Json.createObjectBuilder().add("messageId", "6601abc123def4567890abcd")
                .add("status", "completed").add("utterances", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("speaker", "A").add("text", "Hi, thanks for calling.")))
                .add("duration", 245.5).add("confidence", 0.94).add("languageCode", "en").addNull("error").build();
        send("talentlynk", "transcript.created", transcript);
        Receiver.Request got = awaitOne("/tl/crm");
        assertEquals("POST", got.method());
        assertEquals("Bearer tl-bearer-7Hq", got.header("Authorization"));
        JsonObject envelope = parse(got.body());
        assertEquals(List.of("event", "timestamp", "data"), List.copyOf(envelope.keySet()));
        assertEquals("transcript.created", envelope.getString("event"));
        assertTrue(envelope.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals(transcript, envelope.getJsonObject("data"));
    }

    @Test
    @Order(11)
    void talentLynkRetriesA5xxTwiceAtAboutTwoAndFourSecondsWithItsCustomHeader() {
        JsonObject ep = endpoint("talentlynk", Json.createObjectBuilder().add("url", receiver.url("/status/503/tl"))
                .add("filterTypes", list("transcript.created")).add("format", "envelope")
                .add("auth", Json.createObjectBuilder().add("type", "header").add("name", "X-Webhook-Secret")
                        .add("value", "my-secret-value"))
                .add("retrySchedule", list(0, 2, 4)).add("retryOn", list("5xx", "network")).build());
        String msg = send("talentlynk", "transcript.created", Json.createObjectBuilder().add("messageId", "m2").build());
        Waits.until(() -> receiver.at("/status/503/tl").size() == 3, Duration.ofSeconds(25));
        List<Receiver.Request> got = receiver.at("/status/503/tl");
        assertEquals("my-secret-value", got.get(0).header("X-Webhook-Secret"));
        long first = got.get(1).receivedAtMillis() - got.get(0).receivedAtMillis();
        long second = got.get(2).receivedAtMillis() - got.get(1).receivedAtMillis();
        assertTrue(first >= 1400 && first < 3500, "~2 s before the second attempt: " + first);
        assertTrue(second >= 3000 && second < 6000, "~4 s before the third attempt: " + second);
        Waits.until(() -> api().get("/app/talentlynk/attempt/endpoint/" + ep.getString("id")).json()
                .getJsonArray("data").size() == 3, Duration.ofSeconds(10));
        JsonArray log = api().get("/app/talentlynk/attempt/endpoint/" + ep.getString("id")).json().getJsonArray("data");
        JsonObject newest = log.getJsonObject(0);
        assertEquals(3, newest.getInt("attemptNumber"), "newest first");
        assertEquals("fail", newest.getString("statusText"));
        assertEquals("transcript.created", newest.getString("eventType"));
        assertEquals("503", newest.getString("httpStatus"));
        assertEquals(msg, newest.getString("msgId"));
        assertTrue(newest.containsKey("durationMs") && newest.containsKey("timestamp") && newest.containsKey("error"));
        assertFalse(log.toString().contains("my-secret-value"), "credentials never in the log");
        Waits.until(() -> "exhausted".equals(api().get("/app/talentlynk/delivery?endpoint=" + ep.getString("id"))
                .json().getJsonArray("data").getJsonObject(0).getString("status")), Duration.ofSeconds(10));

        // a client error is not retried under TalentLynk's rule, not even 429
        assertEquals(200, api().method("PATCH", "/app/talentlynk/endpoint/" + ep.getString("id"),
                Json.createObjectBuilder().add("url", receiver.url("/status/429/tl")).build().toString()).status());
        send("talentlynk", "transcript.created", Json.createObjectBuilder().add("messageId", "m3").build());
        Waits.until(() -> receiver.at("/status/429/tl").size() == 1, Duration.ofSeconds(10));
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(1, receiver.at("/status/429/tl").size(), "4xx is final for this endpoint");
    }

    @Test
    @Order(12)
    void atMostTwoSubscriptionsPerAccount() {
        Api.Answer third = api().post("/app/talentlynk/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url("/tl/third")).build());
        assertEquals(409, third.status(), third.body());
        assertTrue(third.body().contains("maxEndpoints"));
    }

    @Test
    @Order(13)
    void theTestButtonSendsWebhookTestAndAnswersWithTheOutcome() {
        String ep = api().get("/app/talentlynk/endpoint").json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(e -> e.getString("url").endsWith("/tl/crm")).findFirst()
                .orElseThrow().getString("id");
        Api.Answer sent = api().post("/app/talentlynk/endpoint/" + ep + "/send-example", "", null);
        assertEquals(200, sent.status(), sent.body());
        JsonObject result = sent.json();
        assertTrue(result.getBoolean("success"), sent.body());
        assertEquals("200", result.getString("httpStatus"));
        assertTrue(result.getJsonNumber("responseTimeMs").longValue() >= 0);
        List<Receiver.Request> got = receiver.at("/tl/crm");
        JsonObject envelope = parse(got.get(got.size() - 1).body());
        assertEquals("webhook.test", envelope.getString("event"));
        assertTrue(envelope.getJsonObject("data").getString("message").startsWith("This is a test webhook"));
        assertEquals("Bearer tl-bearer-7Hq", got.get(got.size() - 1).header("Authorization"));
        JsonArray tests = api().get("/app/talentlynk/attempt/endpoint/" + ep + "?event_types=webhook.test").json()
                .getJsonArray("data");
        assertEquals(1, tests.size(), "test sends appear in the delivery log");
        assertEquals("webhook.test", tests.getJsonObject(0).getString("eventType"));

        // a network error is reported as such, with the error text
        JsonObject dead = endpoint("talentsprout", Json.createObjectBuilder().add("url", "http://127.0.0.1:1/closed")
                .add("filterTypes", list("nothing.matches")).build());
        JsonObject failed = api().post("/app/talentsprout/endpoint/" + dead.getString("id") + "/send-example", "{}",
                null).json();
        assertFalse(failed.getBoolean("success"));
        assertEquals("Network Error", failed.getString("httpStatus"));
        assertTrue(failed.getString("error").startsWith("Network Error"), failed.toString());
    }

    // --- Talview: raw JSON body, PUT or PATCH configurable; Apriora: session lifecycle, raw POST ---

    @Test
    @Order(20)
    void talviewAndAprioraGetRawBodiesWithTheirMethods() throws Exception {
        app("talview", Json.createObjectBuilder().build());
        JsonObject put = endpoint("talview", Json.createObjectBuilder().add("url", receiver.url("/tv/put"))
                .add("method", "PUT").add("filterTypes", list("can_candidate_created")).build());
        endpoint("talview", Json.createObjectBuilder().add("url", receiver.url("/tv/patch"))
                .add("method", "PATCH").add("filterTypes", list("can_candidate_created")).build());
        JsonObject candidate = Json.createObjectBuilder().add("id", "123").add("first_name", "Ada")
                .add("updated_at", "2026-01-01T00:00:00Z").build();
        String msg = send("talview", "can_candidate_created", candidate);
        Receiver.Request viaPut = awaitOne("/tv/put");
        Receiver.Request viaPatch = awaitOne("/tv/patch");
        assertEquals("PUT", viaPut.method());
        assertEquals("PATCH", viaPatch.method());
        assertEquals(candidate, parse(viaPut.body()));
        String secret = api().get("/app/talview/endpoint/" + put.getString("id") + "/secret").json().getString("key");
        assertEquals(DeliveryIT.expectedSignature(secret, msg, Long.parseLong(viaPut.header("webhook-timestamp")),
                viaPut.body()), viaPut.header("webhook-signature"));

        app("apriora", Json.createObjectBuilder().build());
        endpoint("apriora", Json.createObjectBuilder().add("url", receiver.url("/ap/sessions")).build());
        for (String type : List.of("session.started", "session.paused", "session.started", "session.ended",
                "session.completed")) {
            send("apriora", type, Json.createObjectBuilder().add("session_id", "s1").add("event", type).build());
        }
        Waits.until(() -> receiver.at("/ap/sessions").size() == 5, Duration.ofSeconds(20));
        assertTrue(receiver.at("/ap/sessions").stream().allMatch(r -> r.method().equals("POST")
                && r.header("webhook-signature") != null));
    }

    // --- what an outside review found ---

    @Test
    @Order(40)
    void aReplayedCreateNeverShowsTheSecretAgainAndKeysBelongToTheirCaller() {
        String body = Json.createObjectBuilder().add("url", receiver.url("/tv/replay")).build().toString();
        Api.Answer first = api().post("/app/talview/endpoint", body, "replay-key-1");
        assertEquals(201, first.status(), first.body());
        assertTrue(first.json().getString("secret").startsWith("whsec_"));
        Api.Answer replay = api().post("/app/talview/endpoint", body, "replay-key-1");
        assertEquals(201, replay.status());
        assertEquals(first.json().getString("id"), replay.json().getString("id"), "the same endpoint, not a second");
        assertFalse(replay.body().contains("whsec_"), "shown once: " + replay.body());
        // an application token reusing the operator's key gets its own answer, never the operator's
        String token = api().post("/auth/app-portal-access/talview", "{}", null).json().getString("token");
        Api.Answer other = api().withToken(token).post("/app/talview/endpoint",
                Json.createObjectBuilder().add("url", receiver.url("/tv/replay2")).build().toString(), "replay-key-1");
        assertEquals(201, other.status(), other.body());
        assertFalse(other.json().getString("id").equals(first.json().getString("id")));
    }

    @Test
    @Order(41)
    void aRepeatedUpsertByUidFindsTheSameEndpoint() {
        String path = "/app/talview/endpoint/upsert-me";
        String body = Json.createObjectBuilder().add("url", receiver.url("/tv/upsert")).build().toString();
        assertEquals(201, api().method("PUT", path, body).status());
        assertEquals(200, api().method("PUT", path, body).status());
        assertEquals(200, api().method("PUT", path, body).status());
        assertEquals("upsert-me", api().get(path).json().getString("uid"));
        long count = api().get("/app/talview/endpoint?limit=250").json().getJsonArray("data").stream()
                .filter(e -> e.asJsonObject().getString("url").endsWith("/tv/upsert")).count();
        assertEquals(1, count);
    }

    @Test
    @Order(42)
    void theSdksSendExampleWithWebhookTestAndAnOverlongHostName() {
        String ep = api().get("/app/talview/endpoint/upsert-me").json().getString("id");
        Api.Answer sent = api().post("/app/talview/endpoint/" + ep + "/send-example",
                "{\"eventType\":\"webhook.test\"}", null);
        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.json().getBoolean("success"));
        Api.Answer longHost = api().post("/app/talview/endpoint", Json.createObjectBuilder()
                .add("url", "https://" + "a".repeat(64) + ".com/").build());
        assertEquals(422, longHost.status(), longHost.body());
    }

    @Test
    @Order(43)
    void theMessagesAnEndpointWasSentListNewestFirstWithTheirStatus() {
        String ep = api().get("/app/talentlynk/endpoint").json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(e -> e.getString("url").endsWith("/status/429/tl")).findFirst()
                .orElseThrow().getString("id");
        JsonArray sent = api().get("/app/talentlynk/endpoint/" + ep + "/msg").json().getJsonArray("data");
        assertEquals(2, sent.size(), sent.toString());
        assertEquals(2, sent.getJsonObject(0).getInt("status"), "a 429 is final here: fail");
        assertEquals("m3", sent.getJsonObject(0).getJsonObject("payload").getString("messageId"), "newest first");
        assertEquals(1, api().get("/app/talentlynk/endpoint/" + ep + "/msg?status=2&limit=1").json()
                .getJsonArray("data").size());
        assertEquals(422, api().get("/app/talentlynk/endpoint/" + ep + "/msg?status=9").status());
    }

    // --- custom headers (Svix's headers resource) ---

    @Test
    @Order(30)
    void customHeadersAreSentAndSensitiveOnesHidden() {
        JsonObject ep = endpoint("talview", Json.createObjectBuilder().add("url", receiver.url("/tv/headers"))
                .add("filterTypes", list("frm_form_instance_updated")).build());
        String path = "/app/talview/endpoint/" + ep.getString("id") + "/headers";
        assertEquals(204, api().method("PUT", path, "{\"headers\":{\"X-Team\":\"hiring\",\"X-Api-Key\":\"k-991\"}}")
                .status());
        JsonObject shown = api().get(path).json();
        assertEquals("hiring", shown.getJsonObject("headers").getString("X-Team"));
        assertNull(shown.getJsonObject("headers").get("X-Api-Key"));
        assertEquals(List.of("X-Api-Key"), shown.getJsonArray("sensitive").getValuesAs(jakarta.json.JsonString::getString));
        send("talview", "frm_form_instance_updated", Json.createObjectBuilder().add("id", "9").build());
        Receiver.Request got = awaitOne("/tv/headers");
        assertEquals("hiring", got.header("X-Team"));
        assertEquals("k-991", got.header("X-Api-Key"));
        assertEquals(204, api().method("PATCH", path, "{\"headers\":{\"X-Team\":null}}").status());
        assertFalse(api().get(path).json().getJsonObject("headers").containsKey("X-Team"));
        for (String bad : List.of("{\"headers\":{\"Host\":\"evil.test\"}}", "{\"headers\":{\"X-A\":\"a\\r\\nX-B: b\"}}",
                "{\"headers\":{\"bad name\":\"x\"}}", "{\"headers\":{\"webhook-signature\":\"v1,forged\"}}",
                "{\"headers\":[]}")) {
            Api.Answer refused = api().method("PUT", path, bad);
            assertEquals(422, refused.status(), bad + " → " + refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"));
        }
        assertNotNull(api().get(path).json().getJsonObject("headers"));
    }
}
