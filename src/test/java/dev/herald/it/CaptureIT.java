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
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
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
 * Domain changes become webhooks, through the example hiring domain's resources, with Talview's
 * semantics: naming, visibility, soft delete, bubble-up with one event per transaction,
 * versioned {old, new} snapshots, denormalized payloads, tenancy, rollback; and the other
 * seeds' lifecycle events, all checked against the event-type catalog's schemas.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class CaptureIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static final String TENANT = "tenant-a";
    static Receiver receiver;
    static String candidate;
    static String formId;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("herald.war")))
                .addClasses(CaptureRollbackProbe.class, CaptureRollbackProbe.Inner.class);
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

    static JsonObject parse(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    JsonObject post(String path, JsonObject body, int status) {
        Api.Answer a = api().post(path, body);
        assertEquals(status, a.status(), path + " → " + a.body());
        return a.json();
    }

    JsonObject patch(String path, JsonObject body, int status) {
        Api.Answer a = api().method("PATCH", path, body.toString());
        assertEquals(status, a.status(), path + " → " + a.body());
        return status == 200 ? a.json() : null;
    }

    /** The messages of an event type in the tenant's application, oldest first. */
    List<JsonObject> messages(String app, String eventType) {
        JsonArray data = api().get("/app/" + app + "/msg?limit=250&event_types=" + eventType).json().getJsonArray("data");
        List<JsonObject> out = new ArrayList<>();
        for (int i = data.size() - 1; i >= 0; i--) {
            out.add(data.getJsonObject(i));
        }
        return out;
    }

    List<JsonObject> received(String path) {
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

    @Test
    @Order(1)
    void setUp() {
        post("/app", o("name", "Tenant A", "uid", TENANT), 201);
        post("/app", o("name", "Tenant B", "uid", "tenant-b"), 201);
        post("/app/" + TENANT + "/endpoint", o("url", receiver.url("/cap/all")), 201);
        post("/app/" + TENANT + "/endpoint", o("url", receiver.url("/cap/dotted"),
                "filterTypes", arr(Json.createValue("can.candidate.updated"),
                        Json.createValue("ae.test_instance.updated")).build()), 201);
        // TalentSprout's global URL: the endpoint a per-interview URL replaces
        post("/app/" + TENANT + "/endpoint", o("url", receiver.url("/cap/sprout-global"),
                "filterTypes", arr(Json.createValue("interview.completed"),
                        Json.createValue("interview.abandoned")).build()), 201);
        post("/app/tenant-b/endpoint", o("url", receiver.url("/cap/b")), 201);
    }

    @Test
    @Order(2)
    void aNewRootSendsCreatedNamedAsTalviewNamesIt() {
        JsonObject c = post("/domain/candidates", o("tenant_id", TENANT, "first_name", "Ada", "last_name", "Lovelace",
                "email", "ada@example.com"), 201);
        candidate = c.getString("id");
        Waits.until(() -> received("/cap/all").size() == 1, Duration.ofSeconds(20));
        JsonObject payload = received("/cap/all").get(0);
        assertEquals(candidate, payload.getString("id"));
        assertEquals("Ada", payload.getString("first_name"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, payload.getJsonArray("education"));
        assertTrue(payload.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        noHiddenFields(payload);
        assertEquals(1, messages(TENANT, "can_candidate_created").size());
        assertEquals(0, receiver.at("/cap/dotted").size(), "the dotted filter subscribes to updated only");
    }

    @Test
    @Order(3)
    void aSubordinateChangeBubblesUpAsOneUpdatedOfTheRoot() throws Exception {
        String before = messages(TENANT, "can_candidate_created").get(0).getJsonObject("payload").getString("updated_at");
        Thread.sleep(5);
        post("/domain/candidates/" + candidate + "/education", o("institution", "University of London",
                "degree", "BSc", "graduation_year", 1835), 201);
        Waits.until(() -> messages(TENANT, "can_candidate_updated").size() == 1, Duration.ofSeconds(10));
        JsonObject updated = messages(TENANT, "can_candidate_updated").get(0).getJsonObject("payload");
        assertEquals(1, updated.getJsonArray("education").size(), "the full snapshot, with the new entry");
        assertFalse(updated.getString("updated_at").equals(before), "the root's updated_at was touched");
        Waits.until(() -> receiver.at("/cap/dotted").size() == 1, Duration.ofSeconds(10));
        for (String type : List.of("can_education_created", "can_education_updated")) {
            assertEquals(0, messages(TENANT, type).size(), "no event of the subordinate's own: " + type);
        }

        // three changes in one transaction: one event
        patch("/domain/candidates/" + candidate, o("first_name", "Augusta Ada", "add_education", arr(
                o("institution", "Home tutoring", "degree", "Mathematics"), o("institution", "Royal Society"))
                .build()), 200);
        Waits.until(() -> messages(TENANT, "can_candidate_updated").size() == 2, Duration.ofSeconds(10));
        Thread.sleep(1000);
        assertEquals(2, messages(TENANT, "can_candidate_updated").size(), "one event per transaction");
        JsonObject second = messages(TENANT, "can_candidate_updated").get(1).getJsonObject("payload");
        assertEquals("Augusta Ada", second.getString("first_name"));
        assertEquals(3, second.getJsonArray("education").size());

        // a soft-deleted subordinate leaves the array
        String entry = second.getJsonArray("education").getJsonObject(1).getString("id");
        assertEquals(204, api().method("DELETE", "/domain/candidates/" + candidate + "/education/" + entry, null).status());
        Waits.until(() -> messages(TENANT, "can_candidate_updated").size() == 3, Duration.ofSeconds(10));
        JsonObject third = messages(TENANT, "can_candidate_updated").get(2).getJsonObject("payload");
        assertEquals(2, third.getJsonArray("education").size());
        assertFalse(third.toString().contains(entry));
        noHiddenFields(third);
    }

    @Test
    @Order(4)
    void aSoftDeleteSendsDeletedNotUpdated() throws Exception {
        int updates = messages(TENANT, "can_candidate_updated").size();
        assertEquals(204, api().method("DELETE", "/domain/candidates/" + candidate, null).status());
        Waits.until(() -> messages(TENANT, "can_candidate_deleted").size() == 1, Duration.ofSeconds(10));
        Thread.sleep(500);
        assertEquals(updates, messages(TENANT, "can_candidate_updated").size());
        noHiddenFields(messages(TENANT, "can_candidate_deleted").get(0).getJsonObject("payload"));
        assertEquals(404, api().method("PATCH", "/domain/candidates/" + candidate, "{\"first_name\":\"x\"}").status());
    }

    @Test
    @Order(5)
    void aVersionedRootSendsOldAndNewExactly() {
        JsonObject created = post("/domain/form-instances", o("tenant_id", TENANT, "form_id", "onboarding",
                "answers", o("shirt_size", "M")), 201);
        formId = created.getString("id");
        Waits.until(() -> messages(TENANT, "frm_form_instance_created").size() == 1, Duration.ofSeconds(10));
        JsonObject v0 = messages(TENANT, "frm_form_instance_created").get(0).getJsonObject("payload");
        assertFalse(v0.containsKey("old"), "created carries the state only");

        patch("/domain/form-instances/" + formId, o("status", "reviewed", "answers", o("shirt_size", "L")), 200);
        Waits.until(() -> messages(TENANT, "frm_form_instance_updated").size() == 1, Duration.ofSeconds(10));
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
            racing.add(CompletableFuture.supplyAsync(() -> api().method("PATCH", "/domain/form-instances/" + formId,
                    o("answers", o("shirt_size", size), "version", version).toString())));
        }
        List<Integer> statuses = racing.stream().map(CompletableFuture::join).map(Api.Answer::status).sorted().toList();
        assertEquals(List.of(200, 409), statuses, "one wins, the other is told to retry");
        Waits.until(() -> messages(TENANT, "frm_form_instance_updated").size() == 2, Duration.ofSeconds(10));
        Thread.sleep(500);
        assertEquals(2, messages(TENANT, "frm_form_instance_updated").size());
        JsonObject second = messages(TENANT, "frm_form_instance_updated").get(1).getJsonObject("payload");
        assertEquals(previous, second.getJsonObject("old"), "old is the state the winner replaced");
        assertEquals(version + 1, second.getJsonObject("new").getInt("version"));

        // the loser retries on the new version: its old is the winner's new
        patch("/domain/form-instances/" + formId, o("answers", o("shirt_size", "M"), "version", version + 1), 200);
        Waits.until(() -> messages(TENANT, "frm_form_instance_updated").size() == 3, Duration.ofSeconds(10));
        JsonObject third = messages(TENANT, "frm_form_instance_updated").get(2).getJsonObject("payload");
        assertEquals(second.getJsonObject("new"), third.getJsonObject("old"));
    }

    @Test
    @Order(7)
    void aRolledBackTransactionSendsNothing() throws Exception {
        int before = receiver.requests.size();
        int created = messages(TENANT, "can_candidate_created").size();
        assertEquals(500, api().post("/_test/capture-rollback/" + TENANT, "{}", null).status());
        Thread.sleep(3000);
        assertEquals(created, messages(TENANT, "can_candidate_created").size(), "no message");
        assertEquals(before, receiver.requests.size(), "no delivery");
    }

    @Test
    @Order(8)
    void eachTenantsChangesGoOnlyToItsApplication() throws Exception {
        post("/domain/users", o("tenant_id", "tenant-b", "email", "grace@example.com", "name", "Grace Hopper",
                "role", "interviewer"), 201);
        Waits.until(() -> receiver.at("/cap/b").size() == 1, Duration.ofSeconds(10));
        assertEquals(0, messages(TENANT, "auth_user_created").size());
        noHiddenFields(received("/cap/b").get(0));
        // a tenant with no application: nothing to deliver, and the change itself succeeds
        post("/domain/users", o("tenant_id", "tenant-without-app", "email", "x@example.com"), 201);
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
                && messages(TENANT, "incident_instance_updated").size() == 2, Duration.ofSeconds(15));
        Waits.until(() -> receiver.at("/cap/dotted").stream().anyMatch(r -> r.body().contains("Java basics")),
                Duration.ofSeconds(10)); // ae.test_instance.updated names ae_test_instance_updated
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

        Waits.until(() -> receiver.at("/cap/interview-override").size() == 1, Duration.ofSeconds(15));
        JsonObject completed = received("/cap/interview-override").get(0);
        // the per-interview URL replaces the interview endpoint's URL only; a catch-all keeps its own
        Waits.until(() -> receiver.at("/cap/all").stream().anyMatch(r -> r.body().contains("interview.completed")),
                Duration.ofSeconds(10));
        Waits.until(() -> receiver.at("/cap/sprout-global").size() == 1, Duration.ofSeconds(10)); // the abandoned one
        assertEquals("interview.completed", completed.getString("event"));
        assertEquals(87.5, completed.getJsonObject("scores").getJsonNumber("overall").doubleValue());
        assertEquals("Katherine Johnson", completed.getJsonObject("candidate").getString("full_name"));
        assertEquals(1, messages(TENANT, "interview.abandoned").size());
        Waits.until(() -> messages(TENANT, "session.completed").size() == 1, Duration.ofSeconds(10));
        assertEquals(2, messages(TENANT, "session.started").size(), "started, and again on resume");
        assertEquals(1, messages(TENANT, "session.paused").size());
        assertEquals(1, messages(TENANT, "session.ended").size());
        assertEquals("strong hire", messages(TENANT, "session.completed").get(0).getJsonObject("payload")
                .getJsonObject("report").getString("overall"));
        Waits.until(() -> messages(TENANT, "transcript.created").size() == 1, Duration.ofSeconds(10));
    }

    @Test
    @Order(12)
    void badDomainInputIsRefusedAndChangesNothing() {
        JsonObject user = post("/domain/users", o("tenant_id", "tenant-b", "email", "other@example.com"), 201);
        JsonObject meeting = post("/domain/meetings", o("tenant_id", TENANT, "title", "Sync"), 201);
        assertEquals(404, api().post("/domain/meetings/" + meeting.getString("id") + "/participants",
                o("user_id", user.getString("id")).toString(), null).status(), "another tenant's user");
        JsonObject cand = post("/domain/candidates", o("tenant_id", TENANT, "first_name", "Bad"), 201);
        for (String bad : List.of("{\"add_education\":[1,2]}", "{\"add_education\":\"x\"}",
                "{\"add_education\":{\"institution\":\"A\"}}")) {
            Api.Answer refused = api().method("PATCH", "/domain/candidates/" + cand.getString("id"), bad);
            assertEquals(422, refused.status(), bad + " → " + refused.body());
        }
        JsonObject interview = post("/domain/interviews", o("candidate_id", cand.getString("id")), 201);
        patch("/domain/interviews/" + interview.getString("id"), o("status", "abandoned"), 200);
        assertEquals(409, api().method("PATCH", "/domain/interviews/" + interview.getString("id"),
                o("status", "completed").toString()).status(), "abandoned is final");
        // the answer's version is the one the webhook carries, so it can be sent back
        JsonObject form = post("/domain/form-instances", o("tenant_id", TENANT, "form_id", "f2"), 201);
        JsonObject changed = patch("/domain/form-instances/" + form.getString("id"), o("status", "a"), 200);
        patch("/domain/form-instances/" + form.getString("id"), o("status", "b", "version", changed.getInt("version")), 200);
        Api.Answer tooBig = api().post("/domain/form-instances", o("tenant_id", TENANT, "form_id", "f3",
                "answers", o("text", "x".repeat(100_000))));
        assertEquals(422, tooBig.status(), tooBig.body());
    }

    @Test
    @Order(11)
    void theCatalogListsEveryTypeWithAnExampleThatValidatesAndEveryDeliveredPayloadFitsItsSchema()
            throws Exception {
        JsonArray types = api().get("/event-type?limit=250&with_content=true").json().getJsonArray("data");
        Set<String> names = types.stream().map(t -> t.asJsonObject().getString("name")).collect(Collectors.toSet());
        for (String expected : List.of("can_candidate_created", "can_candidate_updated", "can_candidate_deleted",
                "ae_test_instance_created", "ae_test_instance_updated", "sch_meeting_created", "sch_meeting_updated",
                "frm_form_instance_created", "frm_form_instance_updated", "pay_transaction_created",
                "pay_transaction_updated", "incident_instance_updated", "auth_user_created", "auth_user_updated",
                "interview.completed", "interview.abandoned", "session.started", "session.paused", "session.ended",
                "session.completed", "transcript.created", "webhook.test")) {
            assertTrue(names.contains(expected), expected + " is in the catalog");
        }
        // every payload Herald delivered in this test, checked against its type's schema
        JsonArrayBuilder payloads = Json.createArrayBuilder();
        for (String app : List.of(TENANT, "tenant-b")) {
            for (JsonValue m : api().get("/app/" + app + "/msg?limit=250").json().getJsonArray("data")) {
                payloads.add(Json.createObjectBuilder().add("type", m.asJsonObject().getString("eventType"))
                        .add("payload", m.asJsonObject().get("payload")));
            }
        }
        String out = NodeScript.run("schema-check.cjs", java.util.Map.of(),
                Json.createObjectBuilder().add("types", types).add("payloads", payloads).build().toString());
        assertTrue(out.lines().filter(l -> l.startsWith("ok - delivered")).count() > 20, out);

        // send-example sends the catalog's example through an endpoint
        String ep = api().get("/app/" + TENANT + "/endpoint").json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(e -> e.getString("url").endsWith("/cap/all")).findFirst()
                .orElseThrow().getString("id");
        Api.Answer example = api().post("/app/" + TENANT + "/endpoint/" + ep + "/send-example",
                "{\"eventType\":\"transcript.created\"}", null);
        assertEquals(200, example.status(), example.body());
        assertTrue(example.json().getBoolean("success"));
        List<Receiver.Request> all = receiver.at("/cap/all");
        assertEquals("6601abc123def4567890abcd", parse(all.get(all.size() - 1).body()).getString("messageId"));
        assertNull(parse(all.get(all.size() - 1).body()).get("tenant_id"));
    }
}
