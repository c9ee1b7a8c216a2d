package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.net.URLEncoder;
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
 * The delivery engine as a receiver and an operator see it: retry rules, the dead-letter view,
 * resend and recover, isolation of a slow endpoint, a lost queue ticket, and the JMX controls.
 * Endpoints carry their own short retry schedules so the story takes seconds.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class DeliveryEngineIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static final String APP = "engine";
    static final String MBEAN = "herald:type=Delivery";
    static Receiver receiver;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("herald.war")))
                .addClasses(LostTicketProbe.class, OrphanDeliveryProbe.class, JmxProbe.class, FailOnce.class, FailOnceInterceptor.class,
                        FailOnceExtension.class)
                .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(FailOnceExtension.class.getName()),
                        "META-INF/services/jakarta.enterprise.inject.spi.Extension");
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

    @Test
    @Order(1)
    void setUp() {
        Api.Answer app = api().post("/app", Json.createObjectBuilder().add("name", "Engine").add("uid", APP).build());
        assertTrue(app.status() == 201 || app.status() == 409, app.body());
    }

    /** An endpoint receiving only {@code eventType}, with its own retry schedule. */
    String endpoint(String path, String eventType, long... schedule) {
        JsonArrayBuilder delays = Json.createArrayBuilder();
        for (long s : schedule) {
            delays.add(s);
        }
        Api.Answer created = api().post("/app/" + APP + "/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url(path)).add("filterTypes", Json.createArrayBuilder().add(eventType))
                .add("retrySchedule", delays).build());
        assertEquals(201, created.status(), created.body());
        return created.json().getString("id");
    }

    String send(String eventType) {
        Api.Answer accepted = api().post("/app/" + APP + "/msg", Json.createObjectBuilder().add("eventType", eventType)
                .add("payload", Json.createObjectBuilder().add("at", Instant.now().toString())).build());
        assertEquals(202, accepted.status(), accepted.body());
        return accepted.json().getString("id");
    }

    JsonArray attempts(String msgId) {
        return api().get("/app/" + APP + "/attempt/msg/" + msgId).json().getJsonArray("data");
    }

    /** The endpoint's one delivery; a first attempt's row shows a moment after the attempt (SucceededRows). */
    JsonObject delivery(String endpointId) {
        Waits.until(() -> !api().get("/app/" + APP + "/delivery?endpoint=" + endpointId).json().getJsonArray("data")
                .isEmpty(), Duration.ofSeconds(5));
        JsonArray rows = api().get("/app/" + APP + "/delivery?endpoint=" + endpointId).json().getJsonArray("data");
        assertEquals(1, rows.size());
        return rows.getJsonObject(0);
    }

    @Test
    @Order(2)
    void aFailingReceiverIsRetriedUntilItSucceeds() {
        String ep = endpoint("/flaky/2/a", "retry.then.success", 0, 1, 1, 1);
        String msg = send("retry.then.success");
        Waits.until(() -> "succeeded".equals(delivery(ep).getString("status")), Duration.ofSeconds(20));
        JsonArray tries = attempts(msg);
        assertEquals(3, tries.size(), "503, 503, then 200");
        assertEquals(200, tries.getJsonObject(0).getInt("responseStatusCode"));
        assertEquals(503, tries.getJsonObject(2).getInt("responseStatusCode"));
        assertEquals(3, receiver.at("/flaky/2/a").size());
    }

    @Test
    @Order(3)
    void aClientErrorIsFinalAndShowsInTheDeadLetterView() throws Exception {
        String ep = endpoint("/status/400/b", "client.error", 0, 1, 1);
        String msg = send("client.error");
        Waits.until(() -> "exhausted".equals(delivery(ep).getString("status")), Duration.ofSeconds(20));
        Thread.sleep(2500); // a retry, if any, would have come by now
        assertEquals(1, attempts(msg).size(), "a 400 is not retried");
        JsonArray dead = api().get("/app/" + APP + "/delivery?status=exhausted").json().getJsonArray("data");
        assertTrue(dead.stream().anyMatch(d -> d.asJsonObject().getString("msgId").equals(msg)));
    }

    @Test
    @Order(4)
    void retryAfterIsRespected() {
        endpoint("/retry-after/3/c", "slow.down", 0, 1);
        String msg = send("slow.down");
        Waits.until(() -> receiver.at("/retry-after/3/c").size() == 2, Duration.ofSeconds(20));
        List<Receiver.Request> got = receiver.at("/retry-after/3/c");
        long gap = got.get(1).receivedAtMillis() - got.get(0).receivedAtMillis();
        assertTrue(gap >= 2700, "the second attempt came " + gap + " ms after a 429 with Retry-After: 3");
        Waits.until(() -> attempts(msg).size() == 2, Duration.ofSeconds(5));
        assertEquals(429, attempts(msg).getJsonObject(1).getInt("responseStatusCode"));
    }

    @Test
    @Order(5)
    void aResendDeliversAgainAndIsLoggedAsManual() {
        String ep = endpoint("/status/500/d", "resend.me", 0);
        String msg = send("resend.me");
        Waits.until(() -> "exhausted".equals(delivery(ep).getString("status")), Duration.ofSeconds(20));
        // the customer fixes their receiver, the operator resends
        assertEquals(200, api().method("PATCH", "/app/" + APP + "/endpoint/" + ep,
                Json.createObjectBuilder().add("url", receiver.url("/ok/d")).build().toString()).status());
        Api.Answer resent = api().post("/app/" + APP + "/msg/" + msg + "/endpoint/" + ep + "/resend", "", null);
        assertEquals(202, resent.status(), resent.body());
        Waits.until(() -> "succeeded".equals(delivery(ep).getString("status")), Duration.ofSeconds(20));
        JsonObject latest = attempts(msg).getJsonObject(0);
        assertEquals(200, latest.getInt("responseStatusCode"));
        assertEquals(1, latest.getInt("triggerType"), "manual");
        assertEquals(2, latest.getInt("attemptNumber"));
        assertEquals(404, api().post("/app/" + APP + "/msg/msg_none/endpoint/" + ep + "/resend", "", null).status());
    }

    @Test
    @Order(6)
    void recoverRestartsEveryFailedDeliveryOfAnEndpointSinceATime() {
        String ep = endpoint("/status/503/e", "recover.me", 0);
        Instant since = Instant.now().minusSeconds(1);
        List<String> msgs = List.of(send("recover.me"), send("recover.me"));
        Waits.until(() -> api().get("/app/" + APP + "/delivery?status=exhausted&endpoint=" + ep).json()
                .getJsonArray("data").size() == 2, Duration.ofSeconds(20));
        api().method("PATCH", "/app/" + APP + "/endpoint/" + ep,
                Json.createObjectBuilder().add("url", receiver.url("/ok/e")).build().toString());
        Api.Answer recovered = api().post("/app/" + APP + "/endpoint/" + ep + "/recover",
                Json.createObjectBuilder().add("since", since.toString()).build());
        assertEquals(202, recovered.status(), recovered.body());
        assertEquals(2, recovered.json().getInt("recovered"));
        Waits.until(() -> receiver.at("/ok/e").size() == 2, Duration.ofSeconds(20));
        assertEquals(msgs.stream().sorted().toList(),
                receiver.at("/ok/e").stream().map(r -> r.header("webhook-id")).sorted().toList());
        Api.Answer bad = api().post("/app/" + APP + "/endpoint/" + ep + "/recover", "{\"since\":\"yesterday\"}", null);
        assertEquals(422, bad.status());
    }

    @Test
    @Order(7)
    void aSlowEndpointNeitherDelaysAHealthyOneNorTakesMoreThanItsShareOfThreads() {
        endpoint("/slow/2000/s", "slow.event", 0);
        endpoint("/fast", "fast.event", 0);
        for (int i = 0; i < 12; i++) {
            send("slow.event");
        }
        // from the healthy endpoint's own message on: the twelve sends before it take their own time
        long start = System.currentTimeMillis();
        send("fast.event");
        Waits.until(() -> receiver.at("/fast").size() == 1, Duration.ofSeconds(10));
        long fastAfter = receiver.at("/fast").get(0).receivedAtMillis() - start;
        assertTrue(fastAfter < 3000, "the healthy endpoint waited " + fastAfter + " ms behind the slow one");
        // at most 4 attempts (the default per-endpoint concurrency) can be waiting on the slow receiver at once
        Waits.until(() -> receiver.at("/slow/2000/s").size() == 12, Duration.ofSeconds(30));
        List<Long> arrivals = receiver.at("/slow/2000/s").stream().map(Receiver.Request::receivedAtMillis).sorted().toList();
        for (int i = 4; i < arrivals.size(); i++) {
            assertTrue(arrivals.get(i) - arrivals.get(i - 4) >= 1900,
                    "more than 4 attempts overlapped at the slow endpoint: " + arrivals);
        }
    }

    @Test
    @Order(7)
    void manySlowEndpointsAtOnceStillLeaveRoomForAHealthyOne() {
        // 6 slow endpoints x 4 attempts = 24 attempts waiting on receivers: more than the 16
        // sessions that take tickets off the queue, which must stay free.
        for (int e = 0; e < 6; e++) {
            endpoint("/slow/3000/many" + e, "many.slow." + e, 0);
        }
        endpoint("/fast-too", "fast.too", 0);
        for (int e = 0; e < 6; e++) {
            for (int i = 0; i < 4; i++) {
                send("many.slow." + e);
            }
        }
        long start = System.currentTimeMillis();
        send("fast.too");
        Waits.until(() -> receiver.at("/fast-too").size() == 1, Duration.ofSeconds(10));
        long waited = receiver.at("/fast-too").get(0).receivedAtMillis() - start;
        assertTrue(waited < 2000, "the healthy endpoint waited " + waited + " ms behind six slow ones");
    }

    @Test
    @Order(8)
    void a410DisablesTheEndpoint() {
        String ep = endpoint("/status/410/g", "gone.event", 0, 1, 1);
        send("gone.event");
        Waits.until(() -> api().get("/app/" + APP + "/endpoint/" + ep).json().getBoolean("disabled"),
                Duration.ofSeconds(20));
        assertEquals("exhausted", delivery(ep).getString("status"));
        assertEquals(1, receiver.at("/status/410/g").size());
    }

    @Test
    @Order(9)
    void theSweeperDeliversADeliveryWhoseQueueTicketWasLost() {
        String ep = endpoint("/lost", "lost.ticket", 0);
        Api.Answer probe = api().post("/_test/lost-ticket/" + APP + "/" + ep + "/lost.ticket", "{}", null);
        assertEquals(200, probe.status(), probe.body());
        String msg = probe.json().getString("msgId");
        // nothing was queued; the sweeper (every 2 s, grace 2 s in the test server) finds the row
        Waits.until(() -> receiver.at("/lost").size() == 1, Duration.ofSeconds(20));
        assertEquals(msg, receiver.at("/lost").get(0).header("webhook-id"));
    }

    @Test
    @Order(9)
    void theSweepWritesTheRowOfADeliveryOwedWithoutOneAndDeliversIt() {
        String ep = endpoint("/rowless", "rowless.lost", 0);
        Api.Answer probe = api().post("/_test/lost-ticket/" + APP + "/" + ep + "/rowless.lost/rowless", "{}", null);
        assertEquals(200, probe.status(), probe.body());
        String msg = probe.json().getString("msgId");
        // no row, no ticket: only the message names the delivery, and the sweep (every 2 s) finds it
        Waits.until(() -> receiver.at("/rowless").size() == 1, Duration.ofSeconds(20));
        assertEquals(msg, receiver.at("/rowless").get(0).header("webhook-id"));
        Waits.until(() -> "succeeded".equals(deliveryOrNull(ep, "status")), Duration.ofSeconds(10));
        assertEquals(probe.json().getString("deliveryId"), deliveryOrNull(ep, "id"));
    }

    @Test
    @Order(9)
    void theSweepWritesTheEndedRowOfASuccessWhoseRowWasLostAndSendsNothing() {
        String ep = endpoint("/rowless-done", "rowless.done", 0);
        Api.Answer probe = api().post("/_test/lost-ticket/" + APP + "/" + ep + "/rowless.done/rowless?succeeded=true",
                "{}", null);
        assertEquals(200, probe.status(), probe.body());
        Waits.until(() -> "succeeded".equals(deliveryOrNull(ep, "status")), Duration.ofSeconds(20));
        assertEquals(1, delivery(ep).getInt("attempts"));
        assertEquals(0, receiver.at("/rowless-done").size(), "a recorded success is not sent again");
    }

    /** A field of the endpoint's one delivery row, or null while it has none. */
    private String deliveryOrNull(String endpointId, String field) {
        JsonArray rows = api().get("/app/" + APP + "/delivery?endpoint=" + endpointId).json().getJsonArray("data");
        return rows.isEmpty() ? null : rows.getJsonObject(0).getString(field);
    }

    @Test
    @Order(9)
    void aDeliveryWhoseEndpointIsGoneIsDroppedWhenItsTicketComes() {
        // what an ingest racing an endpoint's deletion could leave: no foreign key refuses it
        Api.Answer orphan = api().post("/_test/orphan/" + APP, "{}", null);
        assertEquals(200, orphan.status(), orphan.body());
        String delivery = orphan.json().getString("deliveryId");
        assertEquals(1, api().get("/_test/orphan/" + delivery).json().getInt("rows"));
        Api.Answer queued = api().post("/_test/orphan/" + delivery + "/" + orphan.json().getString("endpointId") + "/ticket",
                "{}", null);
        assertEquals(200, queued.status(), queued.body());
        Waits.until(() -> api().get("/_test/orphan/" + delivery).json().getInt("rows") == 0, Duration.ofSeconds(20));
    }

    @Test
    @Order(10)
    void aReceiverThatStallsMidBodyIsCutOffAtTheDeadline() throws Exception {
        // Headers and 3 of 100 promised bytes, then silence, with the connection held open.
        // Accepted sockets are kept reachable: an unreferenced Socket is closed by its Cleaner at
        // the next GC, which ends the stall early ("Premature end of Content-Length …").
        var held = new java.util.concurrent.CopyOnWriteArrayList<java.net.Socket>();
        try (var stalling = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!stalling.isClosed()) {
                    try {
                        var socket = stalling.accept();
                        held.add(socket);
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // headers
                        }
                        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        socket.getOutputStream().flush();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            Api.Answer created = api().post("/app/" + APP + "/endpoint", Json.createObjectBuilder()
                    .add("url", "http://127.0.0.1:" + stalling.getLocalPort() + "/stall")
                    .add("filterTypes", Json.createArrayBuilder().add("stall.event"))
                    .add("retrySchedule", Json.createArrayBuilder().add(0)).build());
            String ep = created.json().getString("id");
            String msg = send("stall.event");
            // the test server's request timeout is 4 s
            Waits.until(() -> "exhausted".equals(delivery(ep).getString("status")), Duration.ofSeconds(20));
            JsonObject attempt = attempts(msg).getJsonObject(0);
            assertEquals(0, attempt.getInt("responseStatusCode"));
            assertTrue(attempt.getString("response").contains("no complete answer"), attempt.getString("response"));
            assertTrue(attempt.getJsonNumber("responseDurationMs").longValue() < 10_000);
        } finally {
            for (var socket : held) {
                try {
                    socket.close();
                } catch (java.io.IOException ignored) {
                    // the test is over
                }
            }
        }
    }

    @Test
    @Order(11)
    void whenTheListenersWorkFailsMidWayTheDeliveryStillHappensOnce() {
        // The receiver gets the attempt, then recording it fails: the listener throws, the broker
        // redelivers the ticket, and the orphaned attempt is taken up again once it cannot still
        // be running (request timeout 4 s + connect timeout 5 s + 30 s in the test server).
        String ep = endpoint("/fail-once", "fail.once", 0, 1);
        Api.Answer accepted = api().post("/app/" + APP + "/msg", Json.createObjectBuilder().add("eventType", "fail.once")
                .add("payload", Json.createObjectBuilder().add("failOnce", true)).build());
        String msg = accepted.json().getString("id");
        // no row until the sweep writes it, once the unrecorded first attempt cannot still be running
        Waits.until(() -> "succeeded".equals(deliveryOrNull(ep, "status")), Duration.ofSeconds(90));
        List<Receiver.Request> got = receiver.at("/fail-once");
        assertEquals(2, got.size(), "the unrecorded attempt is sent again: at least once");
        assertTrue(got.stream().allMatch(r -> msg.equals(r.header("webhook-id"))), "same webhook-id both times");
        JsonArray logged = attempts(msg);
        assertEquals(1, logged.size(), "only the recorded attempt is in the log");
        assertEquals(200, logged.getJsonObject(0).getInt("responseStatusCode"));
    }

    String jmx(String attribute) {
        Api.Answer a = api().get("/_test/jmx/" + attribute + "?name=" + URLEncoder.encode(MBEAN, StandardCharsets.UTF_8));
        assertEquals(200, a.status(), a.body());
        return a.json().getString("value");
    }

    int setJmx(String attribute, String value, String type) {
        return api().method("PUT", "/_test/jmx/" + attribute + "?name=" + URLEncoder.encode(MBEAN, StandardCharsets.UTF_8)
                + "&value=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&type=" + type, null).status();
    }

    String invoke(String operation, String arg) {
        Api.Answer a = api().post("/_test/jmx/" + operation + "?name=" + URLEncoder.encode(MBEAN, StandardCharsets.UTF_8)
                + (arg == null ? "" : "&arg=" + arg), "", null);
        assertEquals(200, a.status(), a.body());
        return a.json().getString("value");
    }

    @Test
    @Order(15)
    void theOptimizingCompilerIsLetInOnceHeraldHasDeployed() {
        // jvm.options starts the JVM with C2 kept out (server-config/jit-startup.json); Herald lets it
        // in when deployed (OptimizingCompiler). Left in place, every method would stay with C1.
        Api.Answer args = api().get("/_test/jmx/InputArguments?name="
                + URLEncoder.encode("java.lang:type=Runtime", StandardCharsets.UTF_8));
        assertEquals(200, args.status(), args.body());
        assertTrue(args.json().getString("value").contains("-XX:CompilerDirectivesFile=server-config/jit-startup.json"),
                "the server under test starts with jvm.options' directive: " + args.body());
        Api.Answer printed = api().post("/_test/jmx/compilerDirectivesPrint?name="
                + URLEncoder.encode("com.sun.management:type=DiagnosticCommand", StandardCharsets.UTF_8), "", null);
        assertEquals(200, printed.status(), printed.body());
        String directives = printed.json().getString("value");
        assertTrue(directives.contains("Directive: (default)"), directives);
        assertFalse(directives.contains("Exclude:true"), "C2 is still kept out after deployment:\n" + directives);
    }

    @Test
    @Order(12)
    void operatorsReadAndTuneDeliveryOverJmx() throws Exception {
        assertEquals("0,5,300,1800,7200,18000,36000,36000", jmx("DefaultRetrySchedule"));
        assertEquals("8", jmx("MaxAttempts"));
        assertEquals(204, setJmx("DefaultRetrySchedule", "0,2,4", "string"));
        assertEquals("3", jmx("MaxAttempts"));
        assertEquals(400, setJmx("DefaultRetrySchedule", "0,-1", "string"), "a nonsense schedule is refused");
        assertEquals(204, setJmx("DefaultRetrySchedule", "0,5,300,1800,7200,18000,36000,36000", "string"));

        assertEquals("4", jmx("EndpointConcurrency"));
        assertEquals(204, setJmx("EndpointConcurrency", "2", "int"));
        assertEquals("2", jmx("EndpointConcurrency"));
        assertEquals(400, setJmx("EndpointConcurrency", "0", "int"));
        assertEquals(204, setJmx("EndpointConcurrency", "4", "int"));

        assertTrue(Long.parseLong(jmx("DeadLetterCount")) >= 2, "the 400 and 410 deliveries above");
        assertTrue(Long.parseLong(jmx("QueueDepth")) >= 0, "the broker's own queue MBean answers");
        assertTrue(Long.parseLong(jmx("AttemptsTotal")) >= 10);
        assertEquals("1", jmx("EndpointsAutoDisabled"), "the 410 endpoint");

        // pausing an endpoint holds its deliveries; resuming sends them
        String ep = endpoint("/paused", "paused.event", 0);
        assertEquals("true", invoke("pauseEndpoint", ep));
        String msg = send("paused.event");
        Thread.sleep(3000);
        assertTrue(receiver.at("/paused").isEmpty(), "a paused endpoint receives nothing");
        assertEquals("pending", delivery(ep).getString("status"));
        assertEquals("true", invoke("resumeEndpoint", ep));
        Waits.until(() -> receiver.at("/paused").size() == 1, Duration.ofSeconds(10));
        assertEquals(msg, receiver.at("/paused").get(0).header("webhook-id"));
        assertEquals("false", invoke("pauseEndpoint", "ep_unknown"));

        // pausing everything, then resuming
        assertEquals(204, setJmx("Paused", "true", "boolean"));
        String held = send("paused.event");
        Thread.sleep(2500);
        assertEquals(1, receiver.at("/paused").size());
        assertEquals(204, setJmx("Paused", "false", "boolean"));
        Waits.until(() -> receiver.at("/paused").size() == 2, Duration.ofSeconds(10));
        assertEquals(held, receiver.at("/paused").get(1).header("webhook-id"));
        assertFalse(Boolean.parseBoolean(jmx("Paused")));
    }

    String orderedEndpoint(String path, String eventType, long... schedule) {
        String id = endpoint(path, eventType, schedule);
        Api.Answer ordered = api().method("PATCH", "/app/" + APP + "/endpoint/" + id, "{\"ordering\":\"ordered\"}");
        assertEquals(200, ordered.status(), ordered.body());
        assertEquals("ordered", ordered.json().getString("ordering"));
        return id;
    }

    String sendSeq(String eventType, int seq) {
        Api.Answer accepted = api().post("/app/" + APP + "/msg", Json.createObjectBuilder().add("eventType", eventType)
                .add("payload", Json.createObjectBuilder().add("seq", seq)).build());
        assertEquals(202, accepted.status(), accepted.body());
        return accepted.json().getString("id");
    }

    static boolean hasHead(JsonObject line) {
        return line.containsKey("head") && !line.isNull("head");
    }

    static List<Integer> seqs(List<Receiver.Request> requests) {
        return requests.stream().map(r -> Json.createReader(new java.io.StringReader(r.body())).readObject().getInt("seq"))
                .toList();
    }

    @Test
    @Order(13)
    void anOrderedEndpointGetsABurstInAcceptedOrderEvenThroughRetriesWhileOthersKeepFlowing() {
        // Apriora's lifecycle: started, paused, started, ended, completed must not arrive shuffled.
        String type = "session.lifecycle";
        String failing = orderedEndpoint("/flaky/2/ordered-a", type, 0, 1, 1, 1);
        orderedEndpoint("/ordered-b", type, 0, 1);
        endpoint("/unordered-c", type, 0, 1);
        Api.Answer bad = api().method("PATCH", "/app/" + APP + "/endpoint/" + failing, "{\"ordering\":\"sorted\"}");
        assertEquals(422, bad.status(), bad.body());

        List<String> ids = new java.util.ArrayList<>();
        for (int seq = 0; seq < 5; seq++) {
            ids.add(sendSeq(type, seq));
        }
        // while the first message waits for its retry, the line shows it as the head, the rest behind it
        Waits.until(() -> {
            JsonObject line = api().get("/app/" + APP + "/endpoint/" + failing + "/ordering").json();
            return hasHead(line) && line.getJsonObject("head").getInt("attempts") >= 1;
        }, Duration.ofSeconds(20));
        JsonObject line = api().get("/app/" + APP + "/endpoint/" + failing + "/ordering").json();
        assertEquals(ids.get(0), line.getJsonObject("head").getString("msgId"), line.toString());
        assertEquals(4, line.getInt("waiting"), line.toString());

        Waits.until(() -> receiver.at("/flaky/2/ordered-a").size() == 7, Duration.ofSeconds(30));
        // two 503s for the head, its success, then the rest: nothing overtook it
        assertEquals(List.of(0, 0, 0, 1, 2, 3, 4), seqs(receiver.at("/flaky/2/ordered-a")));
        assertEquals(List.of(0, 1, 2, 3, 4), seqs(receiver.at("/ordered-b")));
        assertEquals(java.util.Set.of(0, 1, 2, 3, 4), new java.util.HashSet<>(seqs(receiver.at("/unordered-c"))));
        long headDone = receiver.at("/flaky/2/ordered-a").get(2).receivedAtMillis();
        assertTrue(receiver.at("/ordered-b").get(4).receivedAtMillis() < headDone,
                "the other ordered endpoint did not wait for the failing one");
        assertTrue(receiver.at("/unordered-c").stream().allMatch(r -> r.receivedAtMillis() < headDone),
                "the unordered endpoint did not wait for the failing one");
        // the last attempt is recorded a moment after the receiver has it
        Waits.until(() -> !hasHead(api().get("/app/" + APP + "/endpoint/" + failing + "/ordering").json()),
                Duration.ofSeconds(10));
    }

    @Test
    @Order(14)
    void anOperatorSkipsAStuckHeadAndTheLineMovesOn() {
        String type = "session.stuck";
        String stuck = orderedEndpoint("/flaky/1/ordered-d", type, 0, 600);
        String first = sendSeq(type, 0);
        String second = sendSeq(type, 1);
        Waits.until(() -> receiver.at("/flaky/1/ordered-d").size() == 1, Duration.ofSeconds(20));
        Waits.until(() -> invoke("orderedHead", stuck).startsWith(first + " (failed_will_retry"), Duration.ofSeconds(10));
        assertTrue(invoke("orderedHead", stuck).endsWith("1 waiting behind it"), invoke("orderedHead", stuck));
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(1, receiver.at("/flaky/1/ordered-d").size(), "the second message waits behind the head");

        Api.Answer skipped = api().post("/app/" + APP + "/endpoint/" + stuck + "/ordering/skip", "", null);
        assertEquals(200, skipped.status(), skipped.body());
        Waits.until(() -> receiver.at("/flaky/1/ordered-d").size() == 2, Duration.ofSeconds(20));
        assertEquals(second, receiver.at("/flaky/1/ordered-d").get(1).header("webhook-id"));
        Waits.until(() -> !hasHead(api().get("/app/" + APP + "/endpoint/" + stuck + "/ordering").json()),
                Duration.ofSeconds(10));
        Api.Answer nothing = api().post("/app/" + APP + "/endpoint/" + stuck + "/ordering/skip", "", null);
        assertEquals(409, nothing.status(), nothing.body());
        assertEquals("false", invoke("skipOrderedHead", stuck));
    }
}
