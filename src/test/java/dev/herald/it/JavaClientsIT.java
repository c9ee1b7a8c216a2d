package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.Svix;
import com.svix.SvixOptions;
import com.svix.api.MessageAttemptListByEndpointOptions;
import com.svix.api.MessageCreateOptions;
import com.svix.api.MessageListOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationOut;
import com.svix.models.EmptyResponse;
import com.svix.models.EndpointIn;
import com.svix.models.EndpointOut;
import com.svix.models.EndpointPatch;
import com.svix.models.EndpointUpdate;
import com.svix.models.ListResponseMessageAttemptOut;
import com.svix.models.ListResponseMessageOut;
import com.svix.models.MessageAttemptOut;
import com.svix.models.MessageIn;
import com.svix.models.MessageOut;
import com.svix.models.MessageStatus;
import com.svix.models.OperationalWebhookEndpointIn;
import com.svix.models.OperationalWebhookEndpointOut;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
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
 * Herald as Java users meet it (issue 12): Svix's own Java SDK against the real server, every
 * delivery verified by the receiver-side libraries a Java receiver would use ({@code
 * com.svix.Webhook} and Standard Webhooks' verifier), Ed25519 ({@code v1a}) signatures checked by
 * the JDK's own Ed25519 following the spec's text, Svix's operational webhooks at an operator's
 * receiver (one test per event), and the JMX attributes in the design card's words.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class JavaClientsIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static Receiver receiver;
    static String opsSecret;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("herald.war")))
                .addClasses(JmxProbe.class, AgeingProbe.class);
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    Svix svix() {
        SvixOptions options = new SvixOptions();
        options.setServerUrl(Api.root(base));
        return new Svix(TOKEN, options);
    }

    Api api() {
        return Api.at(base, TOKEN);
    }

    @Test
    @Order(1)
    void theOperatorRegistersAnOperationalWebhookEndpointWithTheSdk() throws Exception {
        OperationalWebhookEndpointOut ops = svix().getOperationalWebhookEndpoint().create(
                new OperationalWebhookEndpointIn().url(URI.create(receiver.url("/ops"))).description("on call"));
        assertTrue(ops.getId().startsWith("ep_"), ops.getId());
        opsSecret = svix().getOperationalWebhookEndpoint().getSecret(ops.getId()).getKey();
        assertTrue(opsSecret.startsWith("whsec_"), "the operator's receiver verifies like any other");
        assertTrue(svix().getOperationalWebhookEndpoint().list().getData().stream()
                .anyMatch(e -> e.getId().equals(ops.getId())));
        // the application that holds it is not one of the operator's customers
        assertTrue(api().get("/app").json().getJsonArray("data").stream()
                .noneMatch(a -> a.asJsonObject().getString("id").equals("app_herald_operational")));
        assertEquals(404, api().get("/app/app_herald_operational/endpoint").status());
    }

    @Test
    @Order(2)
    void theJavaSdkDrivesHeraldFromApplicationToResendAndVerifiersAcceptEveryDelivery() throws Exception {
        Svix svix = svix();
        ApplicationOut app = svix.getApplication().create(new ApplicationIn().name("Java Shop").uid("java-shop"));
        assertEquals(app.getId(), svix.getApplication().get("java-shop").getId(), "an application by its uid");

        EndpointOut endpoint = svix.getEndpoint().create("java-shop", new EndpointIn().url(URI.create(receiver.url("/java")))
                .uid("billing").description("billing").filterTypes(Set.of("invoice.paid", "invoice.voided")));
        assertEquals(Set.of("invoice.paid", "invoice.voided"), endpoint.getFilterTypes());
        String secret = svix.getEndpoint().getSecret("java-shop", "billing").getKey();
        assertTrue(secret.startsWith("whsec_"), secret);

        // Odd spacing, a decimal spelt 12.50 and non-ASCII text: only the bytes as given verify.
        String payload = "{ \"invoice\" : \"inv_1\",\n  \"amount\": 12.50, \"note\": \"café ☕\" }";
        MessageCreateOptions once = new MessageCreateOptions();
        once.setIdempotencyKey("java-first-invoice");
        MessageOut sent = svix.getMessage().create("java-shop",
                new MessageIn().eventType("invoice.paid").eventId("inv_1-paid").payload(payload), once);
        MessageOut again = svix.getMessage().create("java-shop",
                new MessageIn().eventType("invoice.paid").eventId("inv_1-paid").payload(payload), once);
        assertEquals(sent.getId(), again.getId(), "the same idempotency key answers the first message again");

        Waits.until(() -> receiver.at("/java").size() >= 1, Duration.ofSeconds(20));
        Receiver.Request got = receiver.at("/java").get(0);
        assertEquals(payload, got.body(), "the payload arrives byte for byte");
        verifyWithBothLibraries(secret, got);
        assertEquals(1, receiver.at("/java").size(), "the repeated create sent nothing");
        assertEquals("inv_1", ((Map<?, ?>) svix.getMessage().get("java-shop", sent.getId()).getPayload()).get("invoice"));

        // attempts, by message and by endpoint; the attempt is written after the receiver has
        // answered, so it can show up a moment after the delivery itself
        Waits.until(() -> api().get("/app/java-shop/attempt/msg/" + sent.getId()).json().getJsonArray("data").size() == 1,
                Duration.ofSeconds(10));
        List<MessageAttemptOut> byMsg = svix.getMessageAttempt().listByMsg("java-shop", sent.getId()).getData();
        assertEquals(1, byMsg.size());
        assertEquals(MessageStatus.SUCCESS, byMsg.get(0).getStatus());
        assertEquals((short) 200, byMsg.get(0).getResponseStatusCode());
        assertEquals(endpoint.getId(), byMsg.get(0).getEndpointId());
        ListResponseMessageAttemptOut byEndpoint = svix.getMessageAttempt().listByEndpoint("java-shop", "billing");
        assertEquals(sent.getId(), byEndpoint.getData().get(0).getMsgId());

        // a list with limit and iterator, page by page
        for (int i = 2; i <= 3; i++) {
            svix.getMessage().create("java-shop", new MessageIn().eventType("invoice.drafted").payload("{\"n\":" + i + "}"));
        }
        MessageListOptions page = new MessageListOptions();
        page.setLimit(2L);
        ListResponseMessageOut first = svix.getMessage().list("java-shop", page);
        assertEquals(2, first.getData().size());
        assertFalse(first.getDone());
        page.setIterator(first.getIterator());
        ListResponseMessageOut second = svix.getMessage().list("java-shop", page);
        assertEquals(1, second.getData().size());
        assertTrue(second.getDone());
        Set<String> seen = new HashSet<>();
        first.getData().forEach(m -> seen.add(m.getId()));
        second.getData().forEach(m -> seen.add(m.getId()));
        assertEquals(3, seen.size(), "the pages neither repeat nor skip a message");

        // update (PUT) and patch; the SDK's models know nothing of Herald's fields and keep working
        EndpointOut updated = svix.getEndpoint().update("java-shop", "billing", new EndpointUpdate()
                .url(URI.create(receiver.url("/slow/1500/java"))).description("billing, slow").filterTypes(Set.of("invoice.paid")));
        assertEquals("billing, slow", updated.getDescription());
        assertEquals(Set.of("invoice.paid"), updated.getFilterTypes());
        EndpointOut patched = svix.getEndpoint().patch("java-shop", "billing", new EndpointPatch().description("billing (patched)"));
        assertEquals("billing (patched)", patched.getDescription());
        assertEquals(receiver.url("/slow/1500/java"), patched.getUrl().toString(), "a patch changes only what it names");

        // The SDK's own resend() cannot send (OkHttp refuses a POST without a body) ...
        assertThrows(IllegalArgumentException.class,
                () -> svix.getMessageAttempt().resend("java-shop", sent.getId(), "billing"));
        // ... so README names the call that works: the SDK's client with an empty JSON object.
        assertNotNull(resend(svix, "java-shop", sent.getId(), "billing"));
        Waits.until(() -> receiver.at("/slow/1500/java").size() >= 1, Duration.ofSeconds(20));
        // a second resend while the first is still being sent is queued, not refused
        assertNotNull(resend(svix, "java-shop", sent.getId(), "billing"));
        Waits.until(() -> receiver.at("/slow/1500/java").size() >= 2, Duration.ofSeconds(20));
        for (Receiver.Request resent : receiver.at("/slow/1500/java")) {
            assertEquals(payload, resent.body());
            assertEquals(sent.getId(), resent.header("webhook-id"), "a resend is the same message");
            verifyWithBothLibraries(secret, resent);
        }
        Waits.until(() -> {
            try {
                return svix.getMessageAttempt().listByMsg("java-shop", sent.getId()).getData().size() == 3;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, Duration.ofSeconds(20));

        // delete, and a 404 arrives as the SDK's exception
        svix.getEndpoint().delete("java-shop", "billing");
        ApiException gone = assertThrows(ApiException.class, () -> svix.getEndpoint().get("java-shop", "billing"));
        assertEquals(404, gone.getCode());
        assertTrue(gone.getResponseBody().contains("not-found"), gone.getResponseBody());
        ApiException noApp = assertThrows(ApiException.class, () -> svix.getApplication().get("no-such-shop"));
        assertEquals(404, noApp.getCode());
    }

    @Test
    @Order(3)
    void aMessageMayCreateItsApplicationAndChooseItsPayloadRetention() throws Exception {
        Svix svix = svix();
        MessageOut first = svix.getMessage().create("java-newcomer", new MessageIn().eventType("shop.opened")
                .payload("{\"shop\":\"newcomer\"}").payloadRetentionPeriod(30L)
                .application(new ApplicationIn().name("Made by its first message")));
        assertTrue(first.getId().startsWith("msg_"));
        assertEquals("Made by its first message", svix.getApplication().get("java-newcomer").getName());
        // once it exists, application is ignored, as Svix says
        svix.getMessage().create("java-newcomer", new MessageIn().eventType("shop.opened").payload("{}")
                .application(new ApplicationIn().name("Another name")));
        assertEquals("Made by its first message", svix.getApplication().get("java-newcomer").getName());

        ApiException tooShort = assertThrows(ApiException.class, () -> svix.getMessage().create("java-newcomer",
                new MessageIn().eventType("shop.opened").payload("{}").payloadRetentionPeriod(3L)));
        assertEquals(422, tooShort.getCode());
        assertTrue(tooShort.getResponseBody().contains("payloadRetentionPeriod"), tooShort.getResponseBody());
        ApiException noApp = assertThrows(ApiException.class, () -> svix.getMessage().create("nobody-yet",
                new MessageIn().eventType("shop.opened").payload("{}")));
        assertEquals(404, noApp.getCode(), "without application, an unknown application is still a 404");
    }

    @Test
    @Order(4)
    void everyAnswerHasSvixsStatusBodyAndContentType() {
        record Call(String method, String path, String body, int status, String contentType) {
        }
        Api.Answer app = api().post("/app", Json.createObjectBuilder().add("name", "Raw").add("uid", "raw-shop").build());
        assertEquals(201, app.status(), app.body());
        Api.Answer endpoint = api().post("/app/raw-shop/endpoint",
                Json.createObjectBuilder().add("url", receiver.url("/raw")).add("uid", "raw-ep").build());
        Api.Answer msg = api().post("/app/raw-shop/msg",
                Json.createObjectBuilder().add("eventType", "raw.event").add("payload", Json.createObjectBuilder()).build());
        assertEquals(202, msg.status(), msg.body());
        String msgId = msg.json().getString("id");
        Waits.until(() -> receiver.at("/raw").size() >= 1, Duration.ofSeconds(20));
        List<Call> calls = List.of(
                new Call("GET", "/app/raw-shop", null, 200, "application/json"),
                new Call("GET", "/app/raw-shop/endpoint/raw-ep", null, 200, "application/json"),
                new Call("GET", "/app/raw-shop/endpoint/raw-ep/secret", null, 200, "application/json"),
                new Call("GET", "/app/raw-shop/attempt/msg/" + msgId, null, 200, "application/json"),
                new Call("POST", "/app/raw-shop/msg/" + msgId + "/endpoint/raw-ep/resend", "{}", 202, "application/json"),
                new Call("POST", "/app/raw-shop/endpoint/raw-ep/secret/rotate", "{}", 204, null),
                new Call("DELETE", "/app/raw-shop/endpoint/raw-ep", null, 204, null),
                new Call("DELETE", "/app/raw-shop", null, 204, null));
        assertEquals(201, endpoint.status(), endpoint.body());
        for (Call call : calls) {
            Api.Answer answer = api().method(call.method(), call.path(), call.body());
            assertEquals(call.status(), answer.status(), call + ": " + answer.body());
            if (call.contentType() == null) {
                assertEquals("", answer.body(), call.toString());
            } else {
                assertTrue(answer.contentType().startsWith(call.contentType()), call + ": " + answer.contentType());
                assertTrue(answer.body().startsWith("{"), call + ": " + answer.body());
            }
        }
    }

    @Test
    @Order(5)
    void aV1aDeliveryVerifiesWithThePublicKeyAloneAndATamperedBodyDoesNot() throws Exception {
        api().post("/app", Json.createObjectBuilder().add("name", "Keys").add("uid", "keys").build());
        Api.Answer created = api().post("/app/keys/endpoint", Json.createObjectBuilder().add("url", receiver.url("/v1a"))
                .add("uid", "asym").add("keyType", "ed25519").build());
        assertEquals(201, created.status(), created.body());
        String publicKey = created.json().getString("secret");
        assertTrue(publicKey.startsWith("whpk_"), "the answer shows only the public key: " + publicKey);
        assertEquals(publicKey, api().get("/app/keys/endpoint/asym/secret").json().getString("key"));

        String payload = "{\"signed\":\"with Ed25519\"}";
        api().post("/app/keys/msg", "{\"eventType\":\"key.test\",\"payload\":" + payload + "}", null);
        Waits.until(() -> receiver.at("/v1a").size() >= 1, Duration.ofSeconds(20));
        Receiver.Request got = receiver.at("/v1a").get(0);
        assertEquals(payload, got.body());
        assertTrue(got.header("webhook-signature").startsWith("v1a,"), got.header("webhook-signature"));
        assertTrue(verifiesV1a(publicKey, got.header("webhook-id"), got.header("webhook-timestamp"), got.body(),
                got.header("webhook-signature")));
        assertFalse(verifiesV1a(publicKey, got.header("webhook-id"), got.header("webhook-timestamp"),
                got.body().replace("Ed25519", "Ed25518"), got.header("webhook-signature")), "a tampered body fails");
        assertFalse(verifiesV1a(publicKey, got.header("webhook-id"),
                Long.toString(Long.parseLong(got.header("webhook-timestamp")) + 1), got.body(),
                got.header("webhook-signature")), "so does another timestamp");

        // rotation from an HMAC secret to a key pair overlaps: both signatures in one header
        Api.Answer hmac = api().post("/app/keys/endpoint", Json.createObjectBuilder().add("url", receiver.url("/rotating"))
                .add("uid", "rotating").build());
        String oldSecret = hmac.json().getString("secret");
        assertEquals(204, api().post("/app/keys/endpoint/rotating/secret/rotate",
                "{\"keyType\":\"ed25519\",\"overlapSeconds\":600}", null).status());
        String newPublic = api().get("/app/keys/endpoint/rotating/secret").json().getString("key");
        assertTrue(newPublic.startsWith("whpk_"), newPublic);
        api().post("/app/keys/msg", "{\"eventType\":\"key.rotated\",\"payload\":{\"n\":1}}", null);
        Waits.until(() -> receiver.at("/rotating").size() >= 1, Duration.ofSeconds(20));
        Receiver.Request both = receiver.at("/rotating").get(0);
        verifyWithBothLibraries(oldSecret, both);
        assertTrue(verifiesV1a(newPublic, both.header("webhook-id"), both.header("webhook-timestamp"), both.body(),
                both.header("webhook-signature")));

        Api.Answer badKey = api().post("/app/keys/endpoint", Json.createObjectBuilder().add("url", receiver.url("/x"))
                .add("secret", "whsk_" + Base64.getEncoder().encodeToString(new byte[64])).build());
        assertEquals(422, badKey.status(), badKey.body());
        assertTrue(badKey.body().contains("secret"), badKey.body());
        Api.Answer wrongScheme = api().post("/app/keys/endpoint", Json.createObjectBuilder().add("url", receiver.url("/x"))
                .add("keyType", "ed25519").add("signature", Json.createObjectBuilder().add("scheme", "timestamped-hmac"))
                .build());
        assertEquals(422, wrongScheme.status(), wrongScheme.body());
        assertTrue(wrongScheme.body().contains("keyType"), wrongScheme.body());
    }

    @Test
    @Order(6)
    void aShorterPayloadRetentionExpungesThePayloadOnceDeliveredAndKeepsTheMessage() throws Exception {
        Svix svix = svix();
        svix.getEndpoint().create("java-newcomer", new EndpointIn().url(URI.create(receiver.url("/retained"))));
        MessageOut shortLived = svix.getMessage().create("java-newcomer", new MessageIn().eventType("shop.secret")
                .payload("{\"card\":\"4242\"}").payloadRetentionHours(1L));
        MessageOut kept = svix.getMessage().create("java-newcomer", new MessageIn().eventType("shop.secret")
                .payload("{\"card\":\"5555\"}"));
        Waits.until(() -> receiver.at("/retained").size() >= 2, Duration.ofSeconds(20));
        // delivered, and the delivery log says so (a success's row follows its attempt by up to a quarter second)
        Waits.until(() -> api().get("/app/java-newcomer/delivery?status=succeeded").json().getJsonArray("data").stream()
                .map(d -> d.asJsonObject().getString("msgId")).filter(id -> id.equals(shortLived.getId())
                        || id.equals(kept.getId())).count() == 2, Duration.ofSeconds(10));
        Api age = new Api(Api.root(base) + "/api/v1/_test/age", TOKEN);
        assertEquals(1, age.post("/msg/" + shortLived.getId() + "/payload-expiry?hours=2", "", null).json().getInt("messages"));
        assertEquals(0, age.post("/msg/" + kept.getId() + "/payload-expiry?hours=2", "", null).json().getInt("messages"));

        Api jmx = new Api(Api.root(base) + "/api/v1/_test/jmx", TOKEN);
        assertEquals(200, jmx.post("/purgeNow?name=herald:type%3DRetention", "", null).status());
        Map<?, ?> expunged = (Map<?, ?>) svix.getMessage().get("java-newcomer", shortLived.getId()).getPayload();
        assertEquals(Map.of(), expunged, "the payload is gone, the message stays");
        assertEquals("5555", ((Map<?, ?>) svix.getMessage().get("java-newcomer", kept.getId()).getPayload()).get("card"));
        assertEquals(1, svix.getMessageAttempt().listByMsg("java-newcomer", shortLived.getId()).getData().size(),
                "its delivery log stays for the server's period");
    }

    // ---- operational webhooks: one test per event ----

    static String opsAppId;
    static String flakyMsgId;

    @Test
    @Order(10)
    void endpointCreatedReachesTheOperator() throws Exception {
        opsAppId = api().post("/app", Json.createObjectBuilder().add("name", "Watched").add("uid", "watched").build())
                .json().getString("id");
        String id = api().post("/app/watched/endpoint", Json.createObjectBuilder().add("url", receiver.url("/watched"))
                .add("uid", "w1").build()).json().getString("id");
        JsonObject event = opsEvent("endpoint.created", d -> id.equals(d.getString("endpointId")));
        assertEquals(opsAppId, event.getString("appId"));
        assertEquals("watched", event.getString("appUid"));
        assertEquals("w1", event.getString("endpointUid"));
    }

    @Test
    @Order(11)
    void endpointUpdatedReachesTheOperator() throws Exception {
        String id = api().method("PATCH", "/app/watched/endpoint/w1", "{\"description\":\"changed\"}").json().getString("id");
        opsEvent("endpoint.updated", d -> id.equals(d.getString("endpointId")));
    }

    @Test
    @Order(12)
    void endpointDeletedReachesTheOperator() throws Exception {
        String id = api().get("/app/watched/endpoint/w1").json().getString("id");
        assertEquals(204, api().method("DELETE", "/app/watched/endpoint/w1", null).status());
        JsonObject event = opsEvent("endpoint.deleted", d -> id.equals(d.getString("endpointId")));
        assertEquals("w1", event.getString("endpointUid"), "the uid of an endpoint that no longer exists");
    }

    @Test
    @Order(13)
    void endpointDisabledByA410ReachesTheOperatorWithTheReason() throws Exception {
        String id = api().post("/app/watched/endpoint", Json.createObjectBuilder().add("url", receiver.url("/status/410/gone"))
                .add("filterTypes", Json.createArrayBuilder().add("gone.event")).build()).json().getString("id");
        api().post("/app/watched/msg", "{\"eventType\":\"gone.event\",\"payload\":{}}", null);
        JsonObject event = opsEvent("endpoint.disabled", d -> id.equals(d.getString("endpointId")));
        assertEquals("automatic", event.getString("trigger"));
        assertTrue(event.getString("reason").contains("410"), event.toString());
        assertNotNull(event.getString("failSince"));
        assertTrue(api().get("/app/watched/endpoint/" + id).json().getBoolean("disabled"));
    }

    @Test
    @Order(14)
    void messageAttemptExhaustedReachesTheOperator() throws Exception {
        String id = api().post("/app/watched/endpoint", Json.createObjectBuilder().add("url", receiver.url("/status/500/down"))
                .add("filterTypes", Json.createArrayBuilder().add("down.event"))
                .add("retrySchedule", Json.createArrayBuilder().add(0).add(0)).build()).json().getString("id");
        String msgId = api().post("/app/watched/msg", "{\"eventType\":\"down.event\",\"eventId\":\"down-1\",\"payload\":{}}", null)
                .json().getString("id");
        JsonObject event = opsEvent("message.attempt.exhausted", d -> msgId.equals(d.getString("msgId")));
        assertEquals(id, event.getString("endpointId"));
        assertEquals("down-1", event.getString("msgEventId"));
        JsonObject last = event.getJsonObject("lastAttempt");
        assertEquals(500, last.getInt("responseStatusCode"));
        assertTrue(last.getString("id").startsWith("atmpt_"));
        // the attempt it names is the last one in the delivery log
        JsonObject logged = api().get("/app/watched/attempt/msg/" + msgId).json().getJsonArray("data").getJsonObject(0);
        assertEquals(last.getString("id"), logged.getString("id"));
        assertEquals(2, api().get("/app/watched/attempt/msg/" + msgId).json().getJsonArray("data").size());
    }

    @Test
    @Order(15)
    void messageAttemptFailingReachesTheOperatorAfterTheFourthFailure() throws Exception {
        api().post("/app/watched/endpoint", Json.createObjectBuilder().add("url", receiver.url("/flaky/4/wobbly"))
                .add("filterTypes", Json.createArrayBuilder().add("wobbly.event"))
                .add("retrySchedule", Json.createArrayBuilder().add(0).add(0).add(0).add(0).add(1).add(1)).build());
        flakyMsgId = api().post("/app/watched/msg", "{\"eventType\":\"wobbly.event\",\"payload\":{}}", null)
                .json().getString("id");
        JsonObject event = opsEvent("message.attempt.failing", d -> flakyMsgId.equals(d.getString("msgId")));
        assertEquals(503, event.getJsonObject("lastAttempt").getInt("responseStatusCode"));
        assertTrue(receiver.at("/flaky/4/wobbly").size() >= 4);
    }

    @Test
    @Order(16)
    void messageAttemptRecoveredReachesTheOperatorWhenTheFifthAttemptSucceeds() throws Exception {
        JsonObject event = opsEvent("message.attempt.recovered", d -> flakyMsgId.equals(d.getString("msgId")));
        assertEquals(200, event.getJsonObject("lastAttempt").getInt("responseStatusCode"));
        assertEquals(5, receiver.at("/flaky/4/wobbly").size());
        assertEquals(1, opsEvents("message.attempt.failing", d -> flakyMsgId.equals(d.getString("msgId"))).size(),
                "failing is said once");
    }

    // ---- JMX in the design card's words, and Svix's input rules ----

    @Test
    @Order(20)
    void jmxHasMaxAttemptsAndRedeliveryDelayAndTheScheduleStaysTheTruth() {
        Api jmx = new Api(Api.root(base) + "/api/v1/_test/jmx", TOKEN);
        String name = "?name=herald:type%3DDelivery";
        String before = jmx.get("/DefaultRetrySchedule" + name).json().getString("value");
        try {
            assertEquals(204, jmx.method("PUT", "/DefaultRetrySchedule" + name + "&value=0,5,300", null).status());
            assertEquals("5", jmx.get("/RedeliveryDelay" + name).json().getString("value"));
            assertEquals(204, jmx.method("PUT", "/MaxAttempts" + name + "&value=5&type=int", null).status());
            assertEquals("0,5,300,300,300", jmx.get("/DefaultRetrySchedule" + name).json().getString("value"));
            assertEquals(204, jmx.method("PUT", "/RedeliveryDelay" + name + "&value=60&type=long", null).status());
            assertEquals("0,60,60,60,60", jmx.get("/DefaultRetrySchedule" + name).json().getString("value"));
            assertEquals(204, jmx.method("PUT", "/MaxAttempts" + name + "&value=2&type=int", null).status());
            assertEquals("0,60", jmx.get("/DefaultRetrySchedule" + name).json().getString("value"));
            assertEquals("2", jmx.get("/MaxAttempts" + name).json().getString("value"));
            assertEquals(400, jmx.method("PUT", "/MaxAttempts" + name + "&value=0&type=int", null).status());
        } finally {
            jmx.method("PUT", "/DefaultRetrySchedule" + name + "&value=" + before, null);
        }
    }

    @Test
    @Order(21)
    void eventTypeNamesFollowSvixsPatternAndABodyWithoutContentTypeIsA415() throws Exception {
        Api.Answer badFilter = api().post("/app/watched/endpoint", Json.createObjectBuilder().add("url", receiver.url("/f"))
                .add("filterTypes", Json.createArrayBuilder().add("invoice.paid").add("invoice paid!")).build());
        assertEquals(422, badFilter.status(), badFilter.body());
        assertTrue(badFilter.body().contains("filterTypes.1"), badFilter.body());
        Api.Answer badEventTypes = api().post("/app/watched/endpoint", Json.createObjectBuilder().add("url", receiver.url("/f"))
                .add("eventTypes", Json.createArrayBuilder().add("x".repeat(257))).build());
        assertEquals(422, badEventTypes.status(), badEventTypes.body());
        assertTrue(badEventTypes.body().contains("eventTypes"), badEventTypes.body());

        var http = java.net.http.HttpClient.newHttpClient();
        var noType = http.send(java.net.http.HttpRequest.newBuilder(URI.create(Api.root(base) + "/api/v1/app/watched/msg"))
                .header("authorization", "Bearer " + TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"eventType\":\"a\",\"payload\":{}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, noType.statusCode(), noType.body());
        assertTrue(noType.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
    }

    /**
     * The JDK's HttpClient with its defaults asks every new connection to upgrade to cleartext
     * HTTP/2. Payara Micro kept every such stream that carried a body until the connection closed
     * (a heap full after ~117,000 posts): Herald declines, and the answers are HTTP/1.1.
     */
    @Test
    @Order(22)
    void theJdksHttpClientWithItsDefaultsIsAnsweredOverHttp11AndLosesNothing() throws Exception {
        assertEquals(201, api().post("/app", Json.createObjectBuilder().add("name", "jdk").add("uid", "jdk-defaults").build()).status());
        var http = java.net.http.HttpClient.newHttpClient();
        Map<String, Integer> answers = new TreeMap<>();
        int sent = 200;
        for (int i = 0; i < sent; i++) {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(Api.root(base) + "/api/v1/app/jdk-defaults/msg"))
                    .timeout(Duration.ofSeconds(10)).header("authorization", "Bearer " + TOKEN).header("content-type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"eventType\":\"jdk.sent\",\"payload\":{\"n\":" + i + "}}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            answers.merge(answer.version() + " " + answer.statusCode(), 1, Integer::sum);
        }
        assertEquals(Map.of("HTTP_1_1 202", sent), answers);
        Set<Integer> stored = new HashSet<>();
        String iterator = null;
        do {
            JsonObject page = api().get("/app/jdk-defaults/msg?limit=250" + (iterator == null ? "" : "&iterator=" + iterator)).json();
            page.getJsonArray("data").forEach(m -> stored.add(m.asJsonObject().getJsonObject("payload").getInt("n")));
            iterator = page.getBoolean("done") ? null : page.getString("iterator");
        } while (iterator != null);
        assertEquals(sent, stored.size(), "every message stored with its own payload");
    }

    /**
     * What curl's --http2 sends (Upgrade: h2c, HTTP2-Settings) with a sized body to a JAX-RS
     * route, and with a chunked body, chunk extension and trailer to the message intake: both
     * answered as HTTP/1.1 at once. With HTTP/2 merely switched off, such a request hung: the
     * server handed its body on without an end.
     */
    @Test
    @Order(23)
    void anUpgradeRequestWithASizedOrChunkedBodyIsAnsweredAsHttp11() throws Exception {
        String upgrade = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n";
        String sized = "{\"name\":\"upgrade asked\",\"uid\":\"h2c-asked\"}";
        RawAnswer created = rawExchange("POST /api/v1/app HTTP/1.1\r\nHost: herald\r\n" + upgrade
                + "Content-Length: " + sized.length() + "\r\n\r\n" + sized);
        assertEquals("HTTP/1.1 201", created.protocol() + " " + created.status(), created.body());
        assertEquals("upgrade asked", api().get("/app/h2c-asked").json().getString("name"));

        RawAnswer accepted = rawExchange("POST /api/v1/app/h2c-asked/msg HTTP/1.1\r\nHost: herald\r\n" + upgrade
                + "Transfer-Encoding: chunked\r\n\r\n"
                + "f\r\n{\"eventType\":\"h\r\n" + "1e;note=split\r\n2c.asked\",\"payload\":{\"k\":\"v\"}}\r\n" + "0\r\nX-Trailer: t\r\n\r\n");
        assertEquals("HTTP/1.1 202", accepted.protocol() + " " + accepted.status(), accepted.body());
        String id = parse(accepted.body()).getString("id");
        JsonObject stored = api().get("/app/h2c-asked/msg/" + id).json();
        assertEquals("h2c.asked", stored.getString("eventType"));
        assertEquals("v", stored.getJsonObject("payload").getString("k"));
    }

    /**
     * Bad input is refused as a client's fault and leaves nothing behind: a payload too large for
     * a message that would create its application creates none; a channel that is not one of
     * Svix's names is a 422, and a channel filter matches its own characters only; a body whose
     * chunked framing does not hold is a 400 bad-request (not a 500); a Content-Type that is no
     * media type is a 415 on both of the create's paths.
     */
    @Test
    @Order(24)
    void refusedInputLeavesNothingBehindAndIsNamedForWhatItIs() throws Exception {
        String big = "{\"eventType\":\"shop.opened\",\"application\":{\"name\":\"Too big\"},\"payload\":{\"s\":\""
                + "x".repeat(262_200) + "\"}}";
        Api.Answer tooLarge = api().post("/app/too-big-to-create/msg", big, null);
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertEquals(404, api().get("/app/too-big-to-create").status(), "the refused message created no application");

        assertEquals(201, api().post("/app", Json.createObjectBuilder().add("name", "Channels").add("uid", "channels-app")
                .build()).status());
        Api.Answer spaced = api().post("/app/channels-app/msg", "{\"eventType\":\"a.b\",\"payload\":{},"
                + "\"channels\":[\"a b\"]}", null);
        assertEquals(422, spaced.status(), spaced.body());
        assertTrue(spaced.body().contains("channels.0"), spaced.body());
        for (String channel : List.of("project_1", "projectX1")) {
            assertEquals(202, api().post("/app/channels-app/msg", "{\"eventType\":\"a.b\",\"payload\":{\"c\":\""
                    + channel + "\"},\"channels\":[\"" + channel + "\"]}", null).status());
        }
        JsonObject listed = api().get("/app/channels-app/msg?channel=project_1").json();
        assertEquals(List.of("project_1"), listed.getJsonArray("data").stream()
                .map(m -> m.asJsonObject().getJsonObject("payload").getString("c")).toList());

        String upgrade = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n";
        RawAnswer badFraming = rawExchange("POST /api/v1/app/channels-app/msg HTTP/1.1\r\nHost: herald\r\n" + upgrade
                + "Transfer-Encoding: chunked\r\n\r\n" + "zz\r\n{}\r\n0\r\n\r\n");
        assertEquals(400, badFraming.status(), badFraming.body());
        assertTrue(badFraming.body().contains("bad-request"), badFraming.body());

        // a Content-Type that is no media type: 415, as the intake answers it, also through JAX-RS
        // (where an Idempotency-Key sends the create, and where it was a bare 400 without a body)
        for (String key : new String[] {null, "unparsable-type"}) {
            RawAnswer unparsable = rawExchange("POST /api/v1/app/channels-app/msg HTTP/1.1\r\nHost: herald\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\n" + (key == null ? "" : "Idempotency-Key: " + key + "\r\n")
                    + "Content-Type: json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertEquals(415, unparsable.status(), unparsable.body());
            assertTrue(unparsable.body().contains("unsupported-media-type"), unparsable.body());
        }
    }

    // ---- helpers ----

    /** One request written as bytes on a new connection; its answer, which must come within 5 s. */
    RawAnswer rawExchange(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return RawAnswer.read(new java.io.BufferedInputStream(socket.getInputStream()));
        }
    }

    /** The README's resend: the SDK's own client, with {} as the body OkHttp insists on. */
    static EmptyResponse resend(Svix svix, String app, String msg, String endpoint) throws Exception {
        return svix.getHttpClient().executeRequest("POST", svix.getHttpClient().newUrlBuilder()
                .encodedPath("/api/v1/app/" + app + "/msg/" + msg + "/endpoint/" + endpoint + "/resend").build(),
                null, Map.of(), EmptyResponse.class);
    }

    /** Both Java verifiers a receiver would pick, given the headers as a servlet would (lower-case names). */
    static void verifyWithBothLibraries(String secret, Receiver.Request request) throws Exception {
        Map<String, List<String>> headers = new TreeMap<>();
        request.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        new com.svix.Webhook(secret).verify(request.body(), headers);
        new com.standardwebhooks.Webhook(secret).verify(request.body(), headers);
        String tampered = request.body() + " ";
        assertThrows(Exception.class, () -> new com.svix.Webhook(secret).verify(tampered, headers));
        assertThrows(Exception.class, () -> new com.standardwebhooks.Webhook(secret).verify(tampered, headers));
    }

    /**
     * Standard Webhooks' v1a, from the spec's text and the JDK alone: the public key is base64
     * after {@code whpk_}; the signed content is {@code "{id}.{timestamp}.{body}"}; the header
     * lists {@code version,signature} pairs separated by spaces.
     */
    static boolean verifiesV1a(String publicKey, String id, String timestamp, String body, String header) throws Exception {
        byte[] raw = Base64.getDecoder().decode(publicKey.substring("whpk_".length()));
        byte[] x509 = new byte[12 + raw.length];
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        System.arraycopy(prefix, 0, x509, 0, 12);
        System.arraycopy(raw, 0, x509, 12, raw.length);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        for (String part : header.split(" ")) {
            String[] versioned = part.split(",", 2);
            if (!versioned[0].equals("v1a")) {
                continue;
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            if (verifier.verify(Base64.getDecoder().decode(versioned[1]))) {
                return true;
            }
        }
        return false;
    }

    /** Waits for one operational event of this type whose data matches; checks its signature. */
    JsonObject opsEvent(String type, Predicate<JsonObject> data) throws Exception {
        Waits.until(() -> !opsEvents(type, data).isEmpty(), Duration.ofSeconds(30));
        Receiver.Request request = opsRequests(type, data).get(0);
        verifyWithBothLibraries(opsSecret, request);
        assertNotNull(request.header("webhook-id"));
        return parse(request.body()).getJsonObject("data");
    }

    static List<JsonObject> opsEvents(String type, Predicate<JsonObject> data) {
        return opsRequests(type, data).stream().map(r -> parse(r.body())).toList();
    }

    static List<Receiver.Request> opsRequests(String type, Predicate<JsonObject> data) {
        List<Receiver.Request> found = new ArrayList<>();
        for (Receiver.Request r : receiver.at("/ops")) {
            JsonObject body = parse(r.body());
            if (type.equals(body.getString("type")) && data.test(body.getJsonObject("data"))) {
                found.add(r);
            }
        }
        return found;
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
