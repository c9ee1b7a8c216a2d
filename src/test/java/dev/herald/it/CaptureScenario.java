package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The capture library in an application of its own: the example hiring WAR on its own Payara
 * Micro, with its own H2 database, next to a Herald jar and a receiver on loopback, all real
 * processes. Every rule of Talview's capture semantics (naming, visibility, soft delete, bubble-up
 * with one event per transaction, versioned {old, new}, denormalized payloads, tenancy, the other
 * seeds' lifecycle events and per-object URLs, a rollback, schemas checked by Ajv). Each subclass
 * launches one build of the application (EclipseLink, Hibernate).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CaptureScenario {
    static final String TOKEN = "capture-it-token-0123";
    static final String TENANT = "tenant-a";
    static Receiver receiver;
    static JarProcess herald;
    static JarProcess hiring;
    static Api heraldApi;
    static Api app;
    static String candidate;
    static String formId;

    /** Starts Herald, the receiver, and the application from {@code war} (served at /its-name). */
    static void launch(String name, String war) throws Exception {
        receiver = new Receiver();
        Path data = Path.of("target/" + name);
        Directories.deleteRecursively(data);
        int heraldPort = JarProcess.freePort();
        int appPort = JarProcess.freePort();
        String heraldUrl = "http://127.0.0.1:" + heraldPort;
        herald = new JarProcess(name + "-herald", JarProcess.heraldArgs(List.of(), JarProcess.HERALD_JAR, "--port",
                Integer.toString(heraldPort), "--nohazelcast"),
                Map.of("HERALD_DATA_DIR", data.resolve("herald").toAbsolutePath().toString(), "HERALD_API_TOKEN", TOKEN,
                        "HERALD_TARGETS_ALLOW", "127.0.0.1/32", "HERALD_SWEEPER_INTERVAL_SECONDS", "2",
                        "HERALD_SWEEPER_GRACE_SECONDS", "5"),
                URI.create(heraldUrl + "/api/v1/health"), r -> r.statusCode() == 204);
        // The application knows Herald only by its URL and token (MicroProfile Config from the environment).
        hiring = new JarProcess(name + "-app", List.of("-Xmx384m", "-jar",
                System.getProperty("payara.microJar", "target/payara-micro.jar"), "--nocluster", "--port",
                Integer.toString(appPort), "--deploy", war),
                Map.of("HIRING_DATA_DIR", data.resolve("hiring").toAbsolutePath().toString(), "HERALD_URL", heraldUrl,
                        "HERALD_TOKEN", TOKEN),
                URI.create("http://127.0.0.1:" + appPort + "/" + context(war) + "/api/domain/candidates/none"),
                r -> r.statusCode() == 404 && r.headers().firstValue("content-type").orElse("").contains("json"));
        herald.start();
        hiring.start();
        herald.awaitReady(Duration.ofMinutes(5));
        hiring.awaitReady(Duration.ofMinutes(5));
        heraldApi = new Api(heraldUrl + "/api/v1", TOKEN);
        app = Api.http11("http://127.0.0.1:" + appPort + "/" + context(war) + "/api", null);
    }

    /** Payara Micro serves a WAR at its file name without {@code .war}. */
    static String context(String war) {
        return Path.of(war).getFileName().toString().replaceAll("\\.war$", "");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {hiring, herald, receiver}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    static JsonObject parse(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    static JsonObject post(Api api, String path, JsonObject body, int status) {
        Api.Answer a = api.post(path, body);
        assertEquals(status, a.status(), path + " → " + a.body());
        return a.json();
    }

    static JsonObject post(String path, JsonObject body, int status) {
        return post(app, path, body, status);
    }

    static JsonObject patch(String path, JsonObject body, int status) {
        Api.Answer a = app.method("PATCH", path, body.toString());
        assertEquals(status, a.status(), path + " → " + a.body());
        return status == 200 ? a.json() : null;
    }

    /** Every message of an event type (or of every type, for null) in an application at Herald, oldest first. */
    static List<JsonObject> messages(String application, String eventType) {
        List<JsonObject> out = new ArrayList<>();
        String iterator = null;
        do {
            JsonObject page = heraldApi.get("/app/" + application + "/msg?limit=250"
                    + (eventType == null ? "" : "&event_types=" + eventType)
                    + (iterator == null ? "" : "&iterator=" + iterator)).json();
            page.getJsonArray("data").forEach(m -> out.add(m.asJsonObject()));
            iterator = page.getBoolean("done") ? null : page.getString("iterator", null);
        } while (iterator != null);
        java.util.Collections.reverse(out);
        return out;
    }

    static List<JsonObject> received(String path) {
        return receiver.at(path).stream().map(r -> parse(r.body())).toList();
    }

    static JsonObject o(Object... kv) {
        var b = Json.createObjectBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v instanceof String s) {
                b.add((String) kv[i], s);
            } else if (v instanceof Integer n) {
                b.add((String) kv[i], n);
            } else if (v instanceof Double d) {
                b.add((String) kv[i], d);
            } else if (v instanceof JsonValue j) {
                b.add((String) kv[i], j);
            }
        }
        return b.build();
    }

    static JsonArrayBuilder arr(JsonValue... items) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (JsonValue i : items) {
            b.add(i);
        }
        return b;
    }

    static void noHiddenFields(JsonValue v) {
        String text = v.toString();
        assertFalse(text.contains("tenant_id") || text.contains("is_deleted") || text.contains(TENANT),
                "payloads never carry the tenant or the soft-delete flag: " + text);
    }

    static void application(String uid, String... endpointPaths) {
        post(heraldApi, "/app", o("name", uid, "uid", uid), 201);
        for (String path : endpointPaths) {
            post(heraldApi, "/app/" + uid + "/endpoint", o("url", receiver.url(path)), 201);
        }
    }

    @Test
    @Order(1)
    void setUp() {
        application(TENANT, "/cap/all");
        application("tenant-b", "/cap/b");
        post(heraldApi, "/app/" + TENANT + "/endpoint", o("url", receiver.url("/cap/dotted"),
                "filterTypes", arr(Json.createValue("can.candidate.updated"),
                        Json.createValue("ae.test_instance.updated")).build()), 201);
        // TalentSprout's global URL: the endpoint a per-interview URL replaces
        post(heraldApi, "/app/" + TENANT + "/endpoint", o("url", receiver.url("/cap/sprout-global"),
                "filterTypes", arr(Json.createValue("interview.completed"),
                        Json.createValue("interview.abandoned")).build()), 201);
    }

    @Test
    @Order(2)
    void aNewRootSendsCreatedNamedAsTalviewNamesIt() {
        JsonObject c = post("/domain/candidates", o("tenant_id", TENANT, "first_name", "Ada", "last_name", "Lovelace",
                "email", "ada@example.com"), 201);
        candidate = c.getString("id");
        Waits.until(() -> received("/cap/all").size() == 1, Duration.ofSeconds(30));
        JsonObject payload = received("/cap/all").get(0);
        assertEquals(candidate, payload.getString("id"));
        assertEquals("Ada", payload.getString("first_name"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, payload.getJsonArray("education"));
        assertTrue(payload.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        noHiddenFields(payload);
        List<JsonObject> created = messages(TENANT, "can_candidate_created");
        assertEquals(1, created.size());
        // posted under the outbox row's eventId, which names the object and the change (the delivery
        // log's attempts show it, so a delivery traces back to the candidate that caused it)
        assertTrue(created.get(0).getString("eventId").startsWith(candidate + ".created."), created.get(0).toString());
        assertEquals(0, receiver.at("/cap/dotted").size(), "the dotted filter subscribes to updated only");
    }

    @Test
    @Order(3)
    void aSubordinateChangeBubblesUpAsOneUpdatedOfTheRoot() throws Exception {
        String before = messages(TENANT, "can_candidate_created").get(0).getJsonObject("payload").getString("updated_at");
        Thread.sleep(5);
        post("/domain/candidates/" + candidate + "/education", o("institution", "University of London",
                "degree", "BSc", "graduation_year", 1835), 201);
        Waits.until(() -> messages(TENANT, "can_candidate_updated").size() == 1, Duration.ofSeconds(20));
        JsonObject updated = messages(TENANT, "can_candidate_updated").get(0).getJsonObject("payload");
        assertEquals(1, updated.getJsonArray("education").size(), "the full snapshot, with the new entry");
        assertFalse(updated.getString("updated_at").equals(before), "the root's updated_at was touched");
        Waits.until(() -> receiver.at("/cap/dotted").size() == 1, Duration.ofSeconds(20));
        for (String type : List.of("can_education_created", "can_education_updated")) {
            assertEquals(0, messages(TENANT, type).size(), "no event of the subordinate's own: " + type);
        }

        // three changes in one transaction: one event
        patch("/domain/candidates/" + candidate, o("first_name", "Augusta Ada", "add_education", arr(
                o("institution", "Home tutoring", "degree", "Mathematics"), o("institution", "Royal Society"))
                .build()), 200);
        Waits.until(() -> messages(TENANT, "can_candidate_updated").size() == 2, Duration.ofSeconds(20));
        Thread.sleep(1500);
        assertEquals(2, messages(TENANT, "can_candidate_updated").size(), "one event per transaction");
        JsonObject second = messages(TENANT, "can_candidate_updated").get(1).getJsonObject("payload");
        assertEquals("Augusta Ada", second.getString("first_name"));
        assertEquals(3, second.getJsonArray("education").size());

        // a soft-deleted subordinate leaves the array
        String entry = second.getJsonArray("education").getJsonObject(1).getString("id");
        assertEquals(204, app.method("DELETE", "/domain/candidates/" + candidate + "/education/" + entry, null).status());
        Waits.until(() -> messages(TENANT, "can_candidate_updated").size() == 3, Duration.ofSeconds(20));
        JsonObject third = messages(TENANT, "can_candidate_updated").get(2).getJsonObject("payload");
        assertEquals(2, third.getJsonArray("education").size());
        assertFalse(third.toString().contains(entry));
        noHiddenFields(third);
    }

    @Test
    @Order(4)
    void aSoftDeleteSendsDeletedNotUpdated() throws Exception {
        int updates = messages(TENANT, "can_candidate_updated").size();
        assertEquals(204, app.method("DELETE", "/domain/candidates/" + candidate, null).status());
        Waits.until(() -> messages(TENANT, "can_candidate_deleted").size() == 1, Duration.ofSeconds(20));
        Thread.sleep(1000);
        assertEquals(updates, messages(TENANT, "can_candidate_updated").size());
        noHiddenFields(messages(TENANT, "can_candidate_deleted").get(0).getJsonObject("payload"));
        assertEquals(404, app.method("PATCH", "/domain/candidates/" + candidate, "{\"first_name\":\"x\"}").status());
    }

    @Test
    @Order(5)
    void aVersionedRootSendsOldAndNewExactly() {
        JsonObject created = post("/domain/form-instances", o("tenant_id", TENANT, "form_id", "onboarding",
                "answers", o("shirt_size", "M")), 201);
        formId = created.getString("id");
        Waits.until(() -> messages(TENANT, "frm_form_instance_created").size() == 1, Duration.ofSeconds(20));
        JsonObject v0 = messages(TENANT, "frm_form_instance_created").get(0).getJsonObject("payload");
        assertFalse(v0.containsKey("old"), "created carries the state only");

        patch("/domain/form-instances/" + formId, o("status", "reviewed", "answers", o("shirt_size", "L")), 200);
        Waits.until(() -> messages(TENANT, "frm_form_instance_updated").size() == 1, Duration.ofSeconds(20));
        JsonObject first = messages(TENANT, "frm_form_instance_updated").get(0).getJsonObject("payload");
        assertEquals(v0, first.getJsonObject("old"), "old is exactly the previous state");
        assertEquals("L", first.getJsonObject("new").getJsonObject("answers").getString("shirt_size"));
        noHiddenFields(first);
    }

    @Test
    @Order(6)
    void twoConcurrentUpdatesOfOneVersionLeaveOneWinnerWithAnExactOld() throws Exception {
        JsonObject previous = messages(TENANT, "frm_form_instance_updated").get(0).getJsonObject("payload")
                .getJsonObject("new");
        int version = previous.getInt("version");
        List<CompletableFuture<Api.Answer>> racing = new ArrayList<>();
        for (String size : List.of("S", "XL")) {
            racing.add(CompletableFuture.supplyAsync(() -> app.method("PATCH", "/domain/form-instances/" + formId,
                    o("answers", o("shirt_size", size), "version", version).toString())));
        }
        List<Api.Answer> answers = racing.stream().map(CompletableFuture::join).toList();
        List<Integer> statuses = answers.stream().map(Api.Answer::status).sorted().toList();
        assertEquals(List.of(200, 409), statuses, "one wins, the other is told to retry: " + answers);
        Waits.until(() -> messages(TENANT, "frm_form_instance_updated").size() == 2, Duration.ofSeconds(20));
        Thread.sleep(1000);
        assertEquals(2, messages(TENANT, "frm_form_instance_updated").size());
        JsonObject second = messages(TENANT, "frm_form_instance_updated").get(1).getJsonObject("payload");
        assertEquals(previous, second.getJsonObject("old"), "old is the state the winner replaced");
        assertEquals(version + 1, second.getJsonObject("new").getInt("version"));

        // the loser retries on the new version: its old is the winner's new
        patch("/domain/form-instances/" + formId, o("answers", o("shirt_size", "M"), "version", version + 1), 200);
        Waits.until(() -> messages(TENANT, "frm_form_instance_updated").size() == 3, Duration.ofSeconds(20));
        JsonObject third = messages(TENANT, "frm_form_instance_updated").get(2).getJsonObject("payload");
        assertEquals(second.getJsonObject("new"), third.getJsonObject("old"));
        // a message is listed as soon as it is written and delivered a moment later: the next test
        // counts deliveries, so this one's last must have arrived first
        String lastId = messages(TENANT, "frm_form_instance_updated").get(2).getString("id");
        Waits.until(() -> receiver.requests.stream().anyMatch(r -> r.headers().values().stream()
                .anyMatch(values -> values.contains(lastId))), Duration.ofSeconds(20));
    }

    @Test
    @Order(7)
    void aRolledBackTransactionSendsNothing() throws Exception {
        // Each candidate of an import is published (its outbox row written) as soon as it is created;
        // the third entry is refused, and the import's transaction rolls back with both rows.
        int before = receiver.requests.size();
        int created = messages(TENANT, "can_candidate_created").size();
        Api.Answer refused = app.post("/domain/candidates/import", o("candidates", arr(
                o("tenant_id", TENANT, "first_name", "Rolled"), o("tenant_id", TENANT, "first_name", "Back"),
                o("first_name", "No tenant")).build()));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("candidates[2]"), refused.body());
        // a whole import afterwards: its two events arrive, so the relay had the chance to send the others
        post("/domain/candidates/import", o("candidates", arr(o("tenant_id", TENANT, "first_name", "Kept"),
                o("tenant_id", TENANT, "first_name", "Too")).build()), 201);
        Waits.until(() -> messages(TENANT, "can_candidate_created").size() == created + 2, Duration.ofSeconds(20));
        Thread.sleep(1500);
        List<JsonObject> now = messages(TENANT, "can_candidate_created");
        assertEquals(created + 2, now.size(), "no message for the rolled-back import");
        assertTrue(now.stream().noneMatch(m -> m.toString().contains("Rolled") || m.toString().contains("\"Back\"")));
        assertEquals(before + 2, receiver.requests.size(), "no delivery for the rolled-back import");
    }

    @Test
    @Order(8)
    void eachTenantsChangesGoOnlyToItsApplication() throws Exception {
        post("/domain/users", o("tenant_id", "tenant-b", "email", "grace@example.com", "name", "Grace Hopper",
                "role", "interviewer"), 201);
        Waits.until(() -> receiver.at("/cap/b").size() == 1, Duration.ofSeconds(20));
        assertEquals(0, messages(TENANT, "auth_user_created").size());
        noHiddenFields(received("/cap/b").get(0));
        // a tenant with no application: nothing to deliver, the change itself succeeds, and the
        // relay goes on with the events behind it
        post("/domain/users", o("tenant_id", "tenant-without-app", "email", "x@example.com"), 201);
        post("/domain/users", o("tenant_id", "tenant-b", "email", "ada@example.com"), 201);
        Waits.until(() -> receiver.at("/cap/b").size() == 2, Duration.ofSeconds(20));
    }

    @Test
    @Order(9)
    void denormalizedRootsEmbedTheirRelatedSnapshots() {
        JsonObject cand = post("/domain/candidates", o("tenant_id", TENANT, "first_name", "Alan", "last_name", "Turing",
                "email", "alan@example.com"), 201);
        JsonObject ti = post("/domain/test-instances", o("candidate_id", cand.getString("id"),
                "assessment", "Java basics"), 201);
        patch("/domain/test-instances/" + ti.getString("id"), o("status", "completed", "score", 91.5), 200);
        JsonObject user = post("/domain/users", o("tenant_id", TENANT, "email", "grace@example.com",
                "name", "Grace Hopper", "role", "interviewer"), 201);
        JsonObject meeting = post("/domain/meetings", o("tenant_id", TENANT, "title", "Technical interview",
                "starts_at", "2026-04-01T09:00:00Z", "participants", arr(o("user_id", user.getString("id"),
                        "role", "interviewer")).build()), 201);
        post("/domain/payments", o("tenant_id", TENANT, "amount", 4900, "currency", "USD", "order",
                o("items", arr(o("sku", "EXAM-JAVA", "quantity", 1)).build())), 201);
        JsonObject incident = post("/domain/incidents", o("tenant_id", TENANT, "kind", "second_person",
                "severity", "high", "session_id", "ps_77", "session_status", "in_progress", "session_score", 0.62), 201);
        patch("/domain/incidents/" + incident.getString("id"), o("status", "resolved"), 200);
        Waits.until(() -> messages(TENANT, "ae_test_instance_updated").size() == 1
                && messages(TENANT, "sch_meeting_created").size() == 1
                && messages(TENANT, "incident_instance_updated").size() == 2, Duration.ofSeconds(30));
        Waits.until(() -> receiver.at("/cap/dotted").stream().anyMatch(r -> r.body().contains("Java basics")),
                Duration.ofSeconds(20)); // ae.test_instance.updated names ae_test_instance_updated
        JsonObject testPayload = messages(TENANT, "ae_test_instance_updated").get(0).getJsonObject("payload");
        assertEquals("Turing", testPayload.getJsonObject("candidate").getString("last_name"));
        assertEquals(91.5, testPayload.getJsonNumber("score").doubleValue());
        JsonObject meetingPayload = messages(TENANT, "sch_meeting_created").get(0).getJsonObject("payload");
        assertEquals("Grace Hopper", meetingPayload.getJsonArray("participants").getJsonObject(0)
                .getJsonObject("user").getString("name"));
        assertEquals(meeting.getString("id"), meetingPayload.getString("id"));
        assertEquals(0, messages(TENANT, "incident_instance_created").size(), "Talview has no such event");
    }

    @Test
    @Order(10)
    void theOtherSeedsLifecycleEventsGoThroughTheSameMachinery() {
        JsonObject cand = post("/domain/candidates", o("tenant_id", TENANT, "first_name", "Katherine",
                "last_name", "Johnson", "email", "kj@example.com"), 201);
        // TalentSprout: completed, to the interview's own webhook URL
        JsonObject interview = post("/domain/interviews", o("candidate_id", cand.getString("id"), "title",
                "Backend engineer", "company_name", "Acme", "webhook_url", receiver.url("/cap/interview-override")), 201);
        patch("/domain/interviews/" + interview.getString("id"), o("status", "completed", "overall_score", 87.5), 200);
        JsonObject abandoned = post("/domain/interviews", o("candidate_id", cand.getString("id"), "title", "Data"), 201);
        patch("/domain/interviews/" + abandoned.getString("id"), o("status", "abandoned"), 200);
        // Apriora: started, paused, started again (resume), ended, completed with the report
        JsonObject session = post("/domain/sessions", o("tenant_id", TENANT, "report_id", "rep_123",
                "candidate_name", "Katherine Johnson"), 201);
        for (String status : List.of("paused", "started", "ended")) {
            patch("/domain/sessions/" + session.getString("id"), o("status", status), 200);
        }
        patch("/domain/sessions/" + session.getString("id"), o("status", "completed", "report",
                o("overall", "strong hire")), 200);
        // TalentLynk
        post("/domain/transcripts", o("tenant_id", TENANT, "messageId", "6601abc123def4567890abcd",
                "utterances", arr(o("speaker", "A", "text", "Hi, thanks for calling.")).build(),
                "conversation", "A: Hi, thanks for calling.", "duration", 245.5, "confidence", 0.94,
                "languageCode", "en"), 201);

        Waits.until(() -> receiver.at("/cap/interview-override").size() == 1, Duration.ofSeconds(30));
        JsonObject completed = received("/cap/interview-override").get(0);
        // the per-interview URL replaces the interview endpoint's URL only; a catch-all keeps its own
        Waits.until(() -> receiver.at("/cap/all").stream().anyMatch(r -> r.body().contains("interview.completed")),
                Duration.ofSeconds(20));
        Waits.until(() -> receiver.at("/cap/sprout-global").size() == 1, Duration.ofSeconds(20)); // the abandoned one
        assertEquals("interview.completed", completed.getString("event"));
        assertEquals(87.5, completed.getJsonObject("scores").getJsonNumber("overall").doubleValue());
        assertEquals("Katherine Johnson", completed.getJsonObject("candidate").getString("full_name"));
        assertEquals(1, messages(TENANT, "interview.abandoned").size());
        Waits.until(() -> messages(TENANT, "session.completed").size() == 1, Duration.ofSeconds(20));
        assertEquals(2, messages(TENANT, "session.started").size(), "started, and again on resume");
        assertEquals(1, messages(TENANT, "session.paused").size());
        assertEquals(1, messages(TENANT, "session.ended").size());
        assertEquals("strong hire", messages(TENANT, "session.completed").get(0).getJsonObject("payload")
                .getJsonObject("report").getString("overall"));
        Waits.until(() -> messages(TENANT, "transcript.created").size() == 1, Duration.ofSeconds(20));
    }

    @Test
    @Order(11)
    void badDomainInputIsRefusedAndChangesNothing() {
        JsonObject user = post("/domain/users", o("tenant_id", "tenant-b", "email", "other@example.com"), 201);
        JsonObject meeting = post("/domain/meetings", o("tenant_id", TENANT, "title", "Sync"), 201);
        assertEquals(404, app.post("/domain/meetings/" + meeting.getString("id") + "/participants",
                o("user_id", user.getString("id")).toString(), null).status(), "another tenant's user");
        JsonObject cand = post("/domain/candidates", o("tenant_id", TENANT, "first_name", "Bad"), 201);
        for (String bad : List.of("{\"add_education\":[1,2]}", "{\"add_education\":\"x\"}",
                "{\"add_education\":{\"institution\":\"A\"}}")) {
            Api.Answer refused = app.method("PATCH", "/domain/candidates/" + cand.getString("id"), bad);
            assertEquals(422, refused.status(), bad + " → " + refused.body());
        }
        JsonObject interview = post("/domain/interviews", o("candidate_id", cand.getString("id")), 201);
        patch("/domain/interviews/" + interview.getString("id"), o("status", "abandoned"), 200);
        assertEquals(409, app.method("PATCH", "/domain/interviews/" + interview.getString("id"),
                o("status", "completed").toString()).status(), "abandoned is final");
        // the answer's version is the one the webhook carries, so it can be sent back
        JsonObject form = post("/domain/form-instances", o("tenant_id", TENANT, "form_id", "f2"), 201);
        JsonObject changed = patch("/domain/form-instances/" + form.getString("id"), o("status", "a"), 200);
        patch("/domain/form-instances/" + form.getString("id"), o("status", "b", "version", changed.getInt("version")), 200);
        Api.Answer tooBig = app.post("/domain/form-instances", o("tenant_id", TENANT, "form_id", "f3",
                "answers", o("text", "x".repeat(100_000))));
        assertEquals(422, tooBig.status(), tooBig.body());
    }

    @Test
    @Order(30)
    void theCatalogListsEveryTypeWithAnExampleThatValidatesAndEveryDeliveredPayloadFitsItsSchema()
            throws Exception {
        // registered by the library, from the application's META-INF/herald/event-types.json
        JsonArray types = heraldApi.get("/event-type?limit=250&with_content=true").json().getJsonArray("data");
        Set<String> names = types.stream().map(t -> t.asJsonObject().getString("name")).collect(Collectors.toSet());
        for (String expected : List.of("can_candidate_created", "can_candidate_updated", "can_candidate_deleted",
                "ae_test_instance_created", "ae_test_instance_updated", "sch_meeting_created", "sch_meeting_updated",
                "frm_form_instance_created", "frm_form_instance_updated", "pay_transaction_created",
                "pay_transaction_updated", "incident_instance_updated", "auth_user_created", "auth_user_updated",
                "interview.completed", "interview.abandoned", "session.started", "session.paused", "session.ended",
                "session.completed", "transcript.created", "webhook.test")) {
            assertTrue(names.contains(expected), expected + " is in the catalog");
        }
        // every payload Herald received from the application, checked against its type's schema
        JsonArrayBuilder payloads = Json.createArrayBuilder();
        for (String application : heraldApi.get("/app?limit=250").json().getJsonArray("data").stream()
                .map(a -> a.asJsonObject().getString("uid")).toList()) {
            for (JsonObject m : messages(application, null)) {
                payloads.add(Json.createObjectBuilder().add("type", m.getString("eventType")).add("payload", m.get("payload")));
            }
        }
        String out = NodeScript.run("schema-check.cjs", Map.of(),
                Json.createObjectBuilder().add("types", types).add("payloads", payloads).build().toString());
        assertTrue(out.lines().filter(l -> l.startsWith("ok - delivered")).count() > 20, out);

        // send-example sends the catalog's example through an endpoint
        String ep = heraldApi.get("/app/" + TENANT + "/endpoint").json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(e -> e.getString("url").endsWith("/cap/all")).findFirst()
                .orElseThrow().getString("id");
        Api.Answer example = heraldApi.post("/app/" + TENANT + "/endpoint/" + ep + "/send-example",
                "{\"eventType\":\"transcript.created\"}", null);
        assertEquals(200, example.status(), example.body());
        assertTrue(example.json().getBoolean("success"));
        List<Receiver.Request> all = receiver.at("/cap/all");
        assertEquals("6601abc123def4567890abcd", parse(all.get(all.size() - 1).body()).getString("messageId"));
        assertNull(parse(all.get(all.size() - 1).body()).get("tenant_id"));
    }

}
