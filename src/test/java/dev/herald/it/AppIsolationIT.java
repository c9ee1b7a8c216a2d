package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Application tokens (Svix app-portal access) on the real server: two applications, A and B,
 * each with an endpoint, a delivered message and its attempts. A token for A is refused on every
 * route that names B, changes nothing there, and works on A's own routes.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class AppIsolationIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** A well-formed id and a uid that name no application. */
    static final List<String> NOBODY = List.of("app_01kzzzzzzzzzzzzzzzzzzzzzzz", "nobody-" + RUN);

    static Receiver receiver;

    /** What the test knows about one application. */
    record Tenant(String id, String uid, String endpointId, String endpointUid, String msgId, String eventId) {
    }

    static Tenant a;
    static Tenant b;
    static String tokenA;

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

    Api operator() {
        return Api.at(base, TOKEN);
    }

    Api as(String token) {
        return Api.at(base, token);
    }

    @Test
    @Order(1)
    void twoApplicationsWithDeliveredMessages() {
        a = tenant("a");
        b = tenant("b");
        for (Tenant t : List.of(a, b)) {
            Waits.until(() -> operator().get("/app/" + t.id() + "/attempt/msg/" + t.msgId()).json()
                    .getJsonArray("data").size() == 1, Duration.ofSeconds(20));
        }
        Api.Answer type = operator().post("/event-type", Json.createObjectBuilder().add("name", "iso.event-" + RUN)
                .add("description", "used by AppIsolationIT").build());
        assertEquals(201, type.status(), type.body());
    }

    /** An application, an endpoint whose uid is the same in both ("hook"), a message, delivered. */
    private Tenant tenant(String name) {
        Api.Answer app = operator().post("/app", Json.createObjectBuilder().add("name", "Isolation " + name)
                .add("uid", "iso-" + name + "-" + RUN).build());
        assertEquals(201, app.status(), app.body());
        String appId = app.json().getString("id");
        Api.Answer endpoint = operator().post("/app/" + appId + "/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url("/iso/" + name)).add("uid", "hook").build());
        assertEquals(201, endpoint.status(), endpoint.body());
        Api.Answer msg = operator().post("/app/" + appId + "/msg", Json.createObjectBuilder().add("eventType", "iso.event")
                .add("eventId", "evt-" + name).add("payload", Json.createObjectBuilder().add("tenant", name)).build());
        assertEquals(202, msg.status(), msg.body());
        return new Tenant(appId, app.json().getString("uid"), endpoint.json().getString("id"), "hook",
                msg.json().getString("id"), "evt-" + name);
    }

    @Test
    @Order(2)
    void theOperatorGetsAnApplicationTokenShownOnce() {
        Api.Answer access = operator().post("/auth/app-portal-access/" + a.uid(), "{}", null);
        assertEquals(200, access.status(), access.body());
        tokenA = access.json().getString("token");
        assertTrue(tokenA.startsWith("appsk_"), "prefixed");
        String url = access.json().getString("url");
        assertTrue(url.endsWith("/portal/#token=" + tokenA), url);

        // Svix's older name; a body is optional; an unknown application is the operator's 404.
        Api.Answer dashboard = operator().method("POST", "/auth/dashboard-access/" + a.id(), null);
        assertEquals(200, dashboard.status(), dashboard.body());
        assertNotEquals(tokenA, dashboard.json().getString("token"));
        assertEquals(404, operator().post("/auth/app-portal-access/" + NOBODY.get(1), "{}", null).status());
        Api.Answer invalid = operator().post("/auth/app-portal-access/" + a.id(), "{\"expiry\": \"soon\"}", null);
        assertEquals(422, invalid.status(), invalid.body());

        // An answer that carries a token is never stored for an Idempotency-Key replay.
        String key = "portal-" + RUN;
        Api.Answer first = operator().post("/auth/app-portal-access/" + a.id(), "{}", key);
        Api.Answer again = operator().post("/auth/app-portal-access/" + a.id(), "{}", key);
        assertEquals(200, again.status());
        assertNotEquals(first.json().getString("token"), again.json().getString("token"));
    }

    /** Every route of the API, with placeholders for the application, endpoint and message. */
    static List<String[]> routes() {
        String endpoint = "{\"url\":\"" + "http://127.0.0.1:1/iso/intruder" + "\",\"uid\":\"intruder\"}";
        String msg = "{\"eventType\":\"iso.event\",\"eventId\":\"intruder\",\"payload\":{}}";
        return List.of(
                new String[] {"GET", "/app/{app}", null},
                new String[] {"PUT", "/app/{app}", "{\"name\":\"taken over\"}"},
                new String[] {"PATCH", "/app/{app}", "{\"name\":\"taken over\"}"},
                new String[] {"DELETE", "/app/{app}", null},
                new String[] {"GET", "/app/{app}/endpoint", null},
                new String[] {"POST", "/app/{app}/endpoint", endpoint},
                new String[] {"GET", "/app/{app}/endpoint/{ep}", null},
                new String[] {"PUT", "/app/{app}/endpoint/{ep}", endpoint},
                new String[] {"PATCH", "/app/{app}/endpoint/{ep}", "{\"disabled\":true}"},
                new String[] {"DELETE", "/app/{app}/endpoint/{ep}", null},
                new String[] {"GET", "/app/{app}/endpoint/{ep}/secret", null},
                new String[] {"POST", "/app/{app}/endpoint/{ep}/recover", "{\"since\":\"2020-01-01T00:00:00Z\"}"},
                new String[] {"POST", "/app/{app}/endpoint/{ep}/secret/rotate", "{}"},
                new String[] {"GET", "/app/{app}/endpoint/{ep}/stats", null},
                new String[] {"GET", "/app/{app}/endpoint/{ep}/headers", null},
                new String[] {"PUT", "/app/{app}/endpoint/{ep}/headers", "{\"headers\":{\"X-Intruder\":\"1\"}}"},
                new String[] {"PATCH", "/app/{app}/endpoint/{ep}/headers", "{\"headers\":{\"X-Intruder\":\"1\"}}"},
                new String[] {"POST", "/app/{app}/endpoint/{ep}/send-example", "{}"},
                new String[] {"GET", "/app/{app}/endpoint/{ep}/msg", null},
                new String[] {"GET", "/app/{app}/msg", null},
                new String[] {"POST", "/app/{app}/msg", msg},
                new String[] {"GET", "/app/{app}/msg/{msg}", null},
                new String[] {"POST", "/app/{app}/msg/{msg}/endpoint/{ep}/resend", null},
                new String[] {"GET", "/app/{app}/attempt/endpoint/{ep}", null},
                new String[] {"GET", "/app/{app}/attempt/msg/{msg}", null},
                new String[] {"GET", "/app/{app}/delivery", null},
                new String[] {"GET", "/app/{app}/delivery?endpoint={ep}&status=succeeded", null},
                new String[] {"POST", "/auth/app-portal-access/{app}", "{}"},
                new String[] {"POST", "/auth/dashboard-access/{app}", "{}"},
                new String[] {"POST", "/auth/app/{app}/expire-all", "{}"});
    }

    private static String fill(String path, String app, String ep, String msg) {
        return path.replace("{app}", app).replace("{ep}", ep).replace("{msg}", msg);
    }

    /** B as the operator sees it: everything a refused call could have changed. */
    private Map<String, String> snapshotOfB() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/app/" + b.id(), "/app/" + b.id() + "/endpoint", "/app/" + b.id() + "/endpoint/" + b.endpointId(),
                "/app/" + b.id() + "/endpoint/" + b.endpointId() + "/secret",
                "/app/" + b.id() + "/endpoint/" + b.endpointId() + "/headers", "/app/" + b.id() + "/msg",
                "/app/" + b.id() + "/attempt/msg/" + b.msgId(), "/app/" + b.id() + "/attempt/endpoint/" + b.endpointId(),
                "/app/" + b.id() + "/delivery")) {
            Api.Answer answer = operator().get(path);
            assertEquals(200, answer.status(), path + " -> " + answer.body());
            state.put(path, answer.body());
        }
        return state;
    }

    @Test
    @Order(3)
    void everyRouteNamingAnotherApplicationIsRefusedAndChangesNothing() throws Exception {
        Map<String, String> before = snapshotOfB();
        int deliveredToB = receiver.at("/iso/b").size();
        Api intruder = as(tokenA);
        List<String> failures = new ArrayList<>();
        for (String[] route : routes()) {
            // B by id and by uid, endpoint and message by id and by uid/eventId
            for (String[] names : List.of(new String[] {b.id(), b.endpointId(), b.msgId()},
                    new String[] {b.uid(), b.endpointUid(), b.eventId()})) {
                String path = fill(route[1], names[0], names[1], names[2]);
                Api.Answer refused = intruder.method(route[0], path, route[2]);
                if (refused.status() != 403 || !refused.contentType().startsWith("application/problem+json")
                        || !refused.json().getString("type").equals("urn:herald:problem:forbidden")) {
                    failures.add(route[0] + " " + path + " -> " + refused.status() + " " + refused.body());
                    continue;
                }
                assertFalse(refused.body().contains(tokenA), "the token is never echoed");
                // An application that does not exist is refused in exactly the same words.
                for (String nobody : NOBODY) {
                    Api.Answer same = intruder.method(route[0], fill(route[1], nobody, names[1], names[2]), route[2]);
                    if (same.status() != 403 || !same.body().equals(refused.body())) {
                        failures.add(route[0] + " " + fill(route[1], nobody, names[1], names[2]) + " -> " + same.status()
                                + " " + same.body() + " differs from " + refused.body());
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        Thread.sleep(1500); // a resend or recovery that slipped through would be delivered meanwhile
        assertEquals(before, snapshotOfB(), "nothing of B changed");
        assertEquals(deliveredToB, receiver.at("/iso/b").size(), "nothing was sent to B's endpoint");
    }

    @Test
    @Order(4)
    void operatorRoutesAreRefusedEvenForTheTokensOwnApplication() {
        Api own = as(tokenA);
        List<String> failures = new ArrayList<>();
        List<String[]> operatorOnly = new ArrayList<>(List.of(
                new String[] {"GET", "/app", null},
                new String[] {"GET", "/app/", null},
                new String[] {"POST", "/app", "{\"name\":\"new\"}"},
                new String[] {"POST", "/event-type", "{\"name\":\"iso.new-" + RUN + "\",\"description\":\"d\"}"}));
        for (String[] route : routes()) {
            if (route[1].startsWith("/auth/") || route[1].endsWith("/secret") || route[1].equals("/app/{app}") && !route[0].equals("GET")) {
                operatorOnly.add(new String[] {route[0], fill(route[1], a.id(), a.endpointId(), a.msgId()), route[2]});
            }
        }
        assertEquals(11, operatorOnly.size());
        for (String[] route : operatorOnly) {
            Api.Answer refused = own.method(route[0], route[1], route[2]);
            if (refused.status() != 403 || !refused.json().getString("type").equals("urn:herald:problem:forbidden")) {
                failures.add(route[0] + " " + route[1] + " -> " + refused.status() + " " + refused.body());
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(200, operator().get("/app/" + a.id()).status(), "A is still there");
        assertEquals("Isolation a", operator().get("/app/" + a.id()).json().getString("name"));
        assertEquals(200, operator().get("/app/" + a.id() + "/endpoint/" + a.endpointId() + "/secret").status());
    }

    @Test
    @Order(5)
    void theTokenWorksOnItsOwnApplicationByIdAndByUid() {
        Api own = as(tokenA);
        for (String app : List.of(a.id(), a.uid())) {
            assertEquals(a.id(), ok(own.get("/app/" + app), 200).getString("id"));
            ok(own.get("/app/" + app + "/endpoint"), 200);
            ok(own.get("/app/" + app + "/endpoint/" + a.endpointUid()), 200);
            ok(own.get("/app/" + app + "/msg"), 200);
            assertEquals(a.msgId(), ok(own.get("/app/" + app + "/msg/" + a.eventId()), 200).getString("id"));
            assertEquals(1, ok(own.get("/app/" + app + "/attempt/msg/" + a.msgId()), 200).getJsonArray("data").size());
            ok(own.get("/app/" + app + "/attempt/endpoint/" + a.endpointId()), 200);
            ok(own.get("/app/" + app + "/delivery?endpoint=" + a.endpointUid()), 200);
            ok(own.get("/app/" + app + "/endpoint/" + a.endpointId() + "/headers"), 200);
        }
        assertEquals(204, own.method("PUT", "/app/" + a.id() + "/endpoint/" + a.endpointId() + "/headers",
                "{\"headers\":{\"X-Portal\":\"1\"}}").status());
        ok(own.get("/event-type"), 200);
        ok(own.get("/event-type/iso.event-" + RUN), 200);
        // trailing slashes, as Svix clients send them
        ok(own.get("/app/" + a.uid() + "/endpoint/"), 200);

        String endpoint = "{\"url\":\"" + receiver.url("/iso/a-portal") + "\",\"uid\":\"portal-made\"}";
        String made = ok(own.post("/app/" + a.id() + "/endpoint", endpoint, null), 201).getString("id");
        ok(own.method("PUT", "/app/" + a.id() + "/endpoint/portal-made",
                endpoint.replace("}", ",\"description\":\"put\"}")), 200);
        assertEquals("patched", ok(own.method("PATCH", "/app/" + a.uid() + "/endpoint/portal-made",
                "{\"description\":\"patched\"}"), 200).getString("description"));
        ok(own.post("/app/" + a.id() + "/endpoint/" + a.endpointId() + "/recover", "{\"since\":\"2020-01-01T00:00:00Z\"}", null), 202);
        ok(own.post("/app/" + a.id() + "/msg", "{\"eventType\":\"iso.event\",\"eventId\":\"evt-a2\",\"payload\":{}}", null), 202);
        assertEquals(202, own.post("/app/" + a.id() + "/msg/" + a.msgId() + "/endpoint/" + a.endpointId() + "/resend", "", null).status());
        Waits.until(() -> receiver.at("/iso/a-portal").size() == 1, Duration.ofSeconds(20));
        Waits.until(() -> own.get("/app/" + a.id() + "/attempt/endpoint/" + made).json().getJsonArray("data").size() == 1,
                Duration.ofSeconds(20));
        assertEquals(204, own.method("DELETE", "/app/" + a.id() + "/endpoint/portal-made", null).status());
        assertEquals(404, operator().get("/app/" + a.id() + "/endpoint/portal-made").status());
    }

    private static JsonObject ok(Api.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        return answer.json();
    }

    @Test
    @Order(6)
    void anotherApplicationsIdsUnderTheOwnApplicationPathAreNotFound() {
        for (Api caller : List.of(as(tokenA), operator())) {
            for (String path : List.of("/app/" + a.id() + "/endpoint/" + b.endpointId(),
                    "/app/" + a.id() + "/msg/" + b.msgId(),
                    "/app/" + a.id() + "/msg/" + b.eventId(),
                    "/app/" + a.id() + "/attempt/msg/" + b.msgId(),
                    "/app/" + a.id() + "/attempt/endpoint/" + b.endpointId(),
                    "/app/" + a.id() + "/delivery?endpoint=" + b.endpointId())) {
                assertEquals(404, caller.get(path).status(), path);
            }
            assertEquals(404, caller.method("PATCH", "/app/" + a.id() + "/endpoint/" + b.endpointId(), "{\"disabled\":true}").status());
            assertEquals(404, caller.method("DELETE", "/app/" + a.id() + "/endpoint/" + b.endpointId(), null).status());
            assertEquals(404, caller.post("/app/" + a.id() + "/msg/" + b.msgId() + "/endpoint/" + a.endpointId() + "/resend", "", null).status());
            assertEquals(404, caller.post("/app/" + a.id() + "/msg/" + a.msgId() + "/endpoint/" + b.endpointId() + "/resend", "", null).status());
            assertEquals(404, caller.post("/app/" + a.id() + "/endpoint/" + b.endpointId() + "/recover",
                    "{\"since\":\"2020-01-01T00:00:00Z\"}", null).status());
        }
        assertFalse(operator().get("/app/" + b.id() + "/endpoint/" + b.endpointId()).json().getBoolean("disabled"));
    }

    @Test
    @Order(7)
    void pathTricksResolveToTheApplicationTheResourceReads() {
        Api own = as(tokenA);
        // Each of these names B (or nothing) once the server has decoded and normalised it.
        List<String> tricks = List.of(
                "/app/" + a.id() + "/../" + b.id() + "/endpoint",
                "/app/" + a.uid() + "/%2E%2E/" + b.uid() + "/endpoint",
                "/app/" + a.id() + "%2F..%2F" + b.id() + "/endpoint",
                "/app/" + b.id() + ";" + a.id() + "/endpoint",
                "/app/" + b.id() + ";x=" + a.id() + "/endpoint",
                "/app//" + b.id() + "/endpoint",
                "/app/" + b.id() + "//endpoint",
                "/app/" + b.id() + "/endpoint/",
                "/App/" + a.id() + "/../../app/" + b.id() + "/endpoint",
                "/app/" + b.uid().toUpperCase() + "/endpoint",
                "/app/" + percentEncoded(b.uid()) + "/endpoint",
                "/app/%20" + b.id() + "/endpoint");
        for (String path : tricks) {
            Api.Answer answer = own.get(path);
            assertTrue(answer.status() == 403 || answer.status() == 404 || answer.status() == 400,
                    path + " -> " + answer.status() + " " + answer.body());
            assertFalse(answer.body().contains(b.endpointId()), path + " leaked B's endpoint: " + answer.body());
        }
        // The same encodings that name A itself work, so the check reads what the resource reads.
        assertEquals(200, own.get("/app/" + percentEncoded(a.uid()) + "/endpoint").status());
        assertEquals(200, own.get("/app/" + a.id() + ";x=1/endpoint").status());
        assertEquals(404, own.get("/App/" + a.id() + "/endpoint").status(), "paths are case-sensitive");
    }

    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append('%').append(String.format("%02X", (int) c));
        }
        return out.toString();
    }

    @Test
    @Order(8)
    void anIdempotencyKeyCannotReplayAnotherCallersAnswer() {
        String key = "shared-" + RUN;
        String body = "{\"eventType\":\"iso.event\",\"eventId\":\"evt-b-keyed\",\"payload\":{}}";
        Api.Answer operatorAnswer = operator().post("/app/" + b.id() + "/msg", body, key);
        assertEquals(202, operatorAnswer.status(), operatorAnswer.body());
        Api.Answer intruder = as(tokenA).post("/app/" + b.id() + "/msg", body, key);
        assertEquals(403, intruder.status(), intruder.body());
        assertFalse(intruder.body().contains(operatorAnswer.json().getString("id")));
    }

    @Test
    @Order(9)
    void aReadOnlyTokenOnlyReads() {
        String readOnly = operator().post("/auth/app-portal-access/" + a.id(), "{\"readOnly\":true}", null).json().getString("token");
        Api reader = as(readOnly);
        assertEquals(200, reader.get("/app/" + a.id() + "/endpoint").status());
        assertEquals(200, reader.get("/app/" + a.id() + "/attempt/msg/" + a.msgId()).status());
        int messages = operator().get("/app/" + a.id() + "/msg").json().getJsonArray("data").size();
        for (String[] write : List.of(
                new String[] {"POST", "/app/" + a.id() + "/msg", "{\"eventType\":\"iso.event\",\"payload\":{}}"},
                new String[] {"POST", "/app/" + a.id() + "/endpoint", "{\"url\":\"" + receiver.url("/iso/ro") + "\"}"},
                new String[] {"PATCH", "/app/" + a.id() + "/endpoint/" + a.endpointId(), "{\"disabled\":true}"},
                new String[] {"DELETE", "/app/" + a.id() + "/endpoint/" + a.endpointId(), null},
                new String[] {"POST", "/app/" + a.id() + "/msg/" + a.msgId() + "/endpoint/" + a.endpointId() + "/resend", ""})) {
            Api.Answer refused = reader.method(write[0], write[1], write[2]);
            assertEquals(403, refused.status(), write[0] + " " + write[1] + " -> " + refused.body());
            assertTrue(refused.json().getString("detail").contains("read-only"), refused.body());
        }
        assertEquals(messages, operator().get("/app/" + a.id() + "/msg").json().getJsonArray("data").size());
        assertFalse(operator().get("/app/" + a.id() + "/endpoint/" + a.endpointId()).json().getBoolean("disabled"));
    }

    @Test
    @Order(10)
    void expiredUnknownLoggedOutAndExpiredByTheOperatorTokensAre401() {
        String shortLived = operator().post("/auth/app-portal-access/" + a.id(), "{\"expiry\":2}", null).json().getString("token");
        Waits.until(() -> as(shortLived).get("/app/" + a.id()).status() == 401, Duration.ofSeconds(10));
        Api.Answer expired = as(shortLived).get("/app/" + a.id());
        assertTrue(expired.contentType().startsWith("application/problem+json"));
        assertFalse(expired.body().contains(shortLived));

        assertEquals(401, as("appsk_" + "x".repeat(43)).get("/app/" + a.id()).status());
        assertEquals(401, as(tokenA + "x").get("/app/" + a.id()).status());

        String session = operator().post("/auth/app-portal-access/" + a.id(), "{}", null).json().getString("token");
        assertEquals(200, as(session).get("/app/" + a.id()).status());
        assertEquals(204, as(session).post("/auth/logout", "", null).status());
        assertEquals(401, as(session).get("/app/" + a.id()).status());
        assertEquals(403, operator().post("/auth/logout", "", null).status(), "the operator's token is not logged out");

        String tagged = operator().post("/auth/app-portal-access/" + a.id(), "{\"sessionId\":\"s-1\"}", null).json().getString("token");
        assertEquals(200, as(tokenA).get("/app/" + a.id()).status());
        assertEquals(204, operator().post("/auth/app/" + a.id() + "/expire-all", "{\"sessionIds\":[\"s-1\"]}", null).status());
        assertEquals(401, as(tagged).get("/app/" + a.id()).status());
        assertEquals(200, as(tokenA).get("/app/" + a.id()).status(), "another session's token lives on");
        assertEquals(204, operator().post("/auth/app/" + a.id() + "/expire-all", "", null).status());
        assertEquals(401, as(tokenA).get("/app/" + a.id()).status());
        assertEquals(200, operator().get("/app/" + a.id()).status());
    }
}
