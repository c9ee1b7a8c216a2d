package dev.herald.example.hiring.boundary;

import dev.herald.capture.CapturePublisher;
import dev.herald.capture.Captures;
import dev.herald.capture.SnapshotRules;
import dev.herald.capture.WebhookRoot;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import dev.herald.example.hiring.entity.AuthUser;
import dev.herald.example.hiring.entity.Candidate;
import dev.herald.example.hiring.entity.Education;
import dev.herald.example.hiring.entity.FormInstance;
import dev.herald.example.hiring.entity.IncidentInstance;
import dev.herald.example.hiring.entity.Interview;
import dev.herald.example.hiring.entity.InterviewSession;
import dev.herald.example.hiring.entity.Meeting;
import dev.herald.example.hiring.entity.MeetingParticipant;
import dev.herald.example.hiring.entity.PaymentTransaction;
import dev.herald.example.hiring.entity.TenantRecord;
import dev.herald.example.hiring.entity.TestInstance;
import dev.herald.example.hiring.entity.Transcript;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;

/**
 * {@code /hiring/api/domain}: a small hiring domain, an application of its own beside Herald. Its
 * resources only change entities; {@link Captures} (the herald-capture library) turns the changes
 * into webhooks in the same transaction.
 */
@Path("domain")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class HiringResource {
    static final int MAX_BODY = 256 * 1024;
    static final int MAX_JSON_FIELD = 60_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    CapturePublisher publisher;

    @Inject
    CandidateImport candidateImport;

    // --- can.candidate, with its education (subordinates) ---

    @POST
    @Path("candidates")
    public Response createCandidate(InputStream body) {
        Input f = Input.read(body, MAX_BODY);
        String tenant = f.requiredString("tenant_id", 256);
        Candidate c = new Candidate(tenant, f.optionalString("first_name", 256), f.optionalString("last_name", 256),
                f.optionalString("email", 256));
        f.validate();
        em.persist(c);
        return created(c);
    }

    @GET
    @Path("candidates/{id}")
    public JsonObject candidate(@PathParam("id") String id) {
        return visible(find(Candidate.class, id));
    }

    /**
     * All or nothing: each candidate is created in a captured boundary of its own (its webhook is
     * written at once), all in this request's transaction; one refused entry refuses the import,
     * and the webhooks already written roll back with the candidates.
     */
    @POST
    @Path("candidates/import")
    public Response importCandidates(InputStream body) {
        JsonObject json = Input.readObject(body, MAX_BODY);
        java.util.List<String> ids = new java.util.ArrayList<>();
        int index = 0;
        for (JsonObject entry : objects(json, "candidates")) {
            ids.add(candidateImport.createOne(Input.of(entry), "candidates[" + index++ + "]"));
        }
        var out = Input.JSON.createArrayBuilder();
        ids.forEach(out::add);
        return Response.status(201).entity(Input.JSON.createObjectBuilder().add("ids", out).build()).build();
    }

    /** Several changes in one transaction: they send one {@code can_candidate_updated}. */
    @PATCH
    @Path("candidates/{id}")
    public JsonObject changeCandidate(@PathParam("id") String id, InputStream body) {
        Candidate c = find(Candidate.class, id);
        JsonObject json = Input.readObject(body, MAX_BODY);
        Input f = Input.of(json);
        objects(json, "add_education"); // wrong types are refused before anything changes
        String first = f.optionalString("first_name", 256);
        String last = f.optionalString("last_name", 256);
        String email = f.optionalString("email", 256);
        f.validate();
        if (first != null || last != null) {
            c.rename(first, last);
        }
        if (email != null) {
            c.setEmail(email);
        }
        for (JsonObject entry : objects(json, "add_education")) {
            addEducation(c, Input.of(entry));
        }
        return answer(c);
    }

    @DELETE
    @Path("candidates/{id}")
    public Response deleteCandidate(@PathParam("id") String id) {
        find(Candidate.class, id).markDeleted();
        return Response.noContent().build();
    }

    @POST
    @Path("candidates/{id}/education")
    public Response addEducation(@PathParam("id") String id, InputStream body) {
        Candidate c = find(Candidate.class, id);
        Education e = addEducation(c, read(body));
        return Response.status(201).entity(Json.id(e)).build();
    }

    @PATCH
    @Path("candidates/{id}/education/{entry}")
    public Response changeEducation(@PathParam("id") String id, @PathParam("entry") String entry, InputStream body) {
        Education e = education(id, entry);
        Input f = Input.read(body, MAX_BODY);
        e.change(f.optionalString("institution", 256), f.optionalString("degree", 256),
                f.optionalInt("graduation_year", 1800, 2200));
        f.validate();
        return Response.noContent().build();
    }

    @DELETE
    @Path("candidates/{id}/education/{entry}")
    public Response deleteEducation(@PathParam("id") String id, @PathParam("entry") String entry) {
        education(id, entry).markDeleted();
        return Response.noContent().build();
    }

    private Education addEducation(Candidate c, Input f) {
        Education e = new Education(c, f.requiredString("institution", 256), f.optionalString("degree", 256),
                f.optionalInt("graduation_year", 1800, 2200));
        f.validate();
        c.getEducation().add(e);
        em.persist(e);
        return e;
    }

    private Education education(String candidate, String entry) {
        Education e = find(Education.class, entry);
        if (!e.getCandidate().getId().equals(candidate) || e.getCandidate().softDeleted()) {
            throw Refusal.notFound("Education", entry);
        }
        return e;
    }

    // --- auth.user ---

    @POST
    @Path("users")
    public Response createUser(InputStream body) {
        Input f = Input.read(body, MAX_BODY);
        AuthUser u = new AuthUser(f.requiredString("tenant_id", 256), f.requiredString("email", 256),
                f.optionalString("name", 256), f.optionalString("role", 64));
        f.validate();
        em.persist(u);
        return created(u);
    }

    @PATCH
    @Path("users/{id}")
    public JsonObject changeUser(@PathParam("id") String id, InputStream body) {
        AuthUser u = find(AuthUser.class, id);
        Input f = Input.read(body, MAX_BODY);
        u.change(f.optionalString("email", 256), f.optionalString("name", 256), f.optionalString("role", 64));
        f.validate();
        return answer(u);
    }

    // --- ae.test_instance (embeds the candidate) ---

    @POST
    @Path("test-instances")
    public Response createTestInstance(InputStream body) {
        Input f = Input.read(body, MAX_BODY);
        String candidate = f.requiredString("candidate_id", 40);
        String assessment = f.requiredString("assessment", 256);
        f.validate();
        TestInstance t = new TestInstance(find(Candidate.class, candidate), assessment);
        em.persist(t);
        return created(t);
    }

    @PATCH
    @Path("test-instances/{id}")
    public JsonObject changeTestInstance(@PathParam("id") String id, InputStream body) {
        TestInstance t = find(TestInstance.class, id);
        Input f = Input.read(body, MAX_BODY);
        String status = f.optionalString("status", 64);
        Double score = number(f, "score");
        f.validate();
        t.progress(status, score);
        return answer(t);
    }

    // --- sch.meeting, with participants (subordinates pointing at users) ---

    @POST
    @Path("meetings")
    public Response createMeeting(InputStream body) {
        JsonObject json = Input.readObject(body, MAX_BODY);
        Input f = Input.of(json);
        String tenant = f.requiredString("tenant_id", 256);
        String title = f.requiredString("title", 256);
        Instant startsAt = f.has("starts_at") ? f.requiredInstant("starts_at") : null;
        f.validate();
        objects(json, "participants");
        Meeting m = new Meeting(tenant, title, startsAt);
        em.persist(m);
        for (JsonObject p : objects(json, "participants")) {
            addParticipant(m, Input.of(p));
        }
        return created(m);
    }

    @PATCH
    @Path("meetings/{id}")
    public JsonObject changeMeeting(@PathParam("id") String id, InputStream body) {
        Meeting m = find(Meeting.class, id);
        Input f = Input.read(body, MAX_BODY);
        String title = f.optionalString("title", 256);
        Instant startsAt = f.has("starts_at") ? f.requiredInstant("starts_at") : null;
        String status = f.optionalString("status", 64);
        f.validate();
        m.change(title, startsAt, status);
        return answer(m);
    }

    @POST
    @Path("meetings/{id}/participants")
    public Response addParticipant(@PathParam("id") String id, InputStream body) {
        MeetingParticipant p = addParticipant(find(Meeting.class, id), read(body));
        return Response.status(201).entity(Json.id(p)).build();
    }

    private MeetingParticipant addParticipant(Meeting m, Input f) {
        String user = f.requiredString("user_id", 40);
        String role = f.optionalString("role", 64);
        f.validate();
        AuthUser person = find(AuthUser.class, user);
        if (!person.tenantId().equals(m.tenantId())) {
            // another tenant's user must not appear in this tenant's webhooks: as if it did not exist
            throw Refusal.notFound("AuthUser", user);
        }
        MeetingParticipant p = new MeetingParticipant(m, person, role);
        m.getParticipants().add(p);
        em.persist(p);
        return p;
    }

    // --- frm.form_instance (versioned: updated sends {old, new}) ---

    @POST
    @Path("form-instances")
    public Response createFormInstance(InputStream body) {
        JsonObject json = Input.readObject(body, MAX_BODY);
        Input f = Input.of(json);
        String tenant = f.requiredString("tenant_id", 256);
        String form = f.requiredString("form_id", 256);
        JsonObject answers = f.has("answers") ? f.requiredObject("answers") : JsonValue.EMPTY_JSON_OBJECT;
        f.validate();
        fits("answers", answers);
        FormInstance fi = new FormInstance(tenant, form, answers.toString());
        em.persist(fi);
        return created(fi);
    }

    /** With {@code version}, the change applies only to that version (409 otherwise). */
    @PATCH
    @Path("form-instances/{id}")
    public JsonObject changeFormInstance(@PathParam("id") String id, InputStream body) {
        FormInstance fi = find(FormInstance.class, id);
        Input f = Input.read(body, MAX_BODY);
        String status = f.optionalString("status", 64);
        JsonObject answers = f.has("answers") ? f.requiredObject("answers") : null;
        Integer expected = f.optionalInt("version", 0, Integer.MAX_VALUE);
        f.validate();
        fits("answers", answers);
        if (expected != null && expected != fi.getVersion()) {
            throw Refusal.conflict("The form instance is at version " + fi.getVersion() + ", not " + expected);
        }
        if (status != null || answers != null) {
            fi.change(status, answers == null ? null : answers.toString());
        }
        return answer(fi);
    }

    // --- pay.transaction ---

    @POST
    @Path("payments")
    public Response createPayment(InputStream body) {
        Input f = Input.read(body, MAX_BODY);
        String tenant = f.requiredString("tenant_id", 256);
        Integer amount = f.optionalInt("amount", 0, Integer.MAX_VALUE);
        String currency = f.optionalString("currency", 3);
        JsonObject order = f.has("order") ? f.requiredObject("order") : JsonValue.EMPTY_JSON_OBJECT;
        f.validate();
        fits("order", order);
        PaymentTransaction p = new PaymentTransaction(tenant, amount == null ? 0 : amount, currency, order.toString());
        em.persist(p);
        return created(p);
    }

    @PATCH
    @Path("payments/{id}")
    public JsonObject changePayment(@PathParam("id") String id, InputStream body) {
        PaymentTransaction p = find(PaymentTransaction.class, id);
        Input f = Input.read(body, MAX_BODY);
        String status = f.requiredString("status", 64);
        f.validate();
        p.setStatus(status);
        return answer(p);
    }

    // --- incident.instance ---

    @POST
    @Path("incidents")
    public Response createIncident(InputStream body) {
        Input f = Input.read(body, MAX_BODY);
        IncidentInstance i = new IncidentInstance(f.requiredString("tenant_id", 256), f.optionalString("kind", 64),
                f.optionalString("severity", 64), f.optionalString("session_id", 64),
                f.optionalString("session_status", 64), number(f, "session_score"));
        f.validate();
        em.persist(i);
        return created(i);
    }

    @PATCH
    @Path("incidents/{id}")
    public JsonObject changeIncident(@PathParam("id") String id, InputStream body) {
        IncidentInstance i = find(IncidentInstance.class, id);
        Input f = Input.read(body, MAX_BODY);
        i.change(f.optionalString("status", 64), f.optionalString("severity", 64));
        f.validate();
        return answer(i);
    }

    // --- TalentSprout interviews, Apriora sessions, TalentLynk transcripts ---

    @POST
    @Path("interviews")
    public Response createInterview(InputStream body) {
        Input f = Input.read(body, MAX_BODY);
        String candidate = f.requiredString("candidate_id", 40);
        String title = f.optionalString("title", 256);
        String company = f.optionalString("company_name", 256);
        String url = overrideUrl(f);
        f.validate();
        Interview i = new Interview(find(Candidate.class, candidate), title, company, url);
        em.persist(i);
        return created(i);
    }

    @PATCH
    @Path("interviews/{id}")
    public JsonObject changeInterview(@PathParam("id") String id, InputStream body) {
        Interview i = find(Interview.class, id);
        Input f = Input.read(body, MAX_BODY);
        String status = f.optionalString("status", 64);
        Double score = number(f, "overall_score");
        String url = f.present("webhook_url") ? overrideUrl(f) : null;
        f.validate();
        if (f.present("webhook_url")) {
            i.setWebhookUrl(url);
        }
        if (status != null) {
            if (!status.equals(Interview.COMPLETED) && !status.equals(Interview.ABANDONED)) {
                throw Refusal.invalidField("status", "must be completed or abandoned");
            }
            if (i.isFinished()) {
                throw Refusal.conflict("The interview is already " + i.status() + "; it cannot become " + status);
            }
            i.finish(status, score);
        }
        return answer(i);
    }

    @POST
    @Path("sessions")
    public Response createSession(InputStream body) {
        Input f = Input.read(body, MAX_BODY);
        InterviewSession s = new InterviewSession(f.requiredString("tenant_id", 256),
                f.optionalString("report_id", 64), f.optionalString("candidate_name", 256));
        f.validate();
        em.persist(s);
        return created(s);
    }

    @PATCH
    @Path("sessions/{id}")
    public JsonObject changeSession(@PathParam("id") String id, InputStream body) {
        InterviewSession s = find(InterviewSession.class, id);
        Input f = Input.read(body, MAX_BODY);
        String status = f.requiredString("status", 32);
        JsonObject report = f.has("report") ? f.requiredObject("report") : null;
        f.validate();
        fits("report", report);
        if (!InterviewSession.STATES.contains(status)) {
            throw Refusal.invalidField("status", "must be started, paused, ended or completed");
        }
        if (status.equals("completed") && report == null) {
            throw Refusal.invalidField("report", "is required to complete a session (the report is attached)");
        }
        if (!s.canMoveTo(status)) {
            throw Refusal.conflict("A session that is " + s.status() + " cannot become " + status);
        }
        s.moveTo(status, report == null ? null : report.toString());
        return answer(s);
    }

    @POST
    @Path("transcripts")
    public Response createTranscript(InputStream body) {
        JsonObject json = Input.readObject(body, MAX_BODY);
        Input f = Input.of(json);
        String tenant = f.requiredString("tenant_id", 256);
        String messageId = f.requiredString("messageId", 64);
        transcriptFields(json, f);
        f.validate();
        var rest = Input.JSON.createObjectBuilder(json).remove("tenant_id").build();
        Transcript t = new Transcript(tenant, messageId, rest.toString());
        em.persist(t);
        return created(t);
    }

    // --- helpers ---

    /**
     * The record as its webhook shows it: the changes are published first (flushed, bubbled up,
     * versioned), so the answer's version and timestamps are the ones the webhook carries.
     */
    private JsonObject answer(WebhookRoot root) {
        publisher.publish();
        return visible(root);
    }

    /** The named field as a list of objects: absent is empty, anything else a 422. */
    private static java.util.List<JsonObject> objects(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return java.util.List.of();
        }
        if (value instanceof jakarta.json.JsonArray items
                && items.stream().allMatch(i -> i.getValueType() == JsonValue.ValueType.OBJECT)) {
            return items.getValuesAs(JsonObject.class);
        }
        throw Refusal.invalidField(name, "must be a list of objects");
    }

    /** JSON stored in one column: bounded, with a 422 rather than a database error. */
    private static void fits(String name, JsonObject value) {
        if (value != null && value.toString().length() > MAX_JSON_FIELD) {
            throw Refusal.invalidField(name, "must be at most " + MAX_JSON_FIELD + " characters of JSON");
        }
    }

    /** TalentLynk's transcript fields, with their types; no others. */
    private static void transcriptFields(JsonObject json, Input f) {
        for (var e : json.entrySet()) {
            JsonValue v = e.getValue();
            boolean ok = switch (e.getKey()) {
                case "tenant_id", "messageId" -> true;
                case "status", "conversation", "languageCode" -> v.getValueType() == JsonValue.ValueType.STRING;
                case "recruiter", "error" -> v.getValueType() == JsonValue.ValueType.STRING || v == JsonValue.NULL;
                case "duration", "confidence" -> v.getValueType() == JsonValue.ValueType.NUMBER;
                case "utterances" -> v instanceof jakarta.json.JsonArray a && a.stream().allMatch(u ->
                        u instanceof JsonObject o && o.keySet().equals(java.util.Set.of("speaker", "text"))
                                && o.get("speaker") instanceof jakarta.json.JsonString
                                && o.get("text") instanceof jakarta.json.JsonString);
                default -> false;
            };
            if (!ok) {
                f.error(e.getKey(), "unknown field, or the wrong type for a transcript (see transcript.created "
                        + "in the event-type catalog)");
            }
        }
    }

    /**
     * The interview's own webhook URL, checked for its shape only: Herald applies its URL rules
     * when the event arrives, and a URL it refuses leaves the event in the outbox, marked failed.
     */
    private String overrideUrl(Input f) {
        String url = f.optionalString("webhook_url", 2048);
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                f.error("webhook_url", "must be an absolute http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            f.error("webhook_url", "must be an absolute http(s) URL");
        }
        return url;
    }

    private static Double number(Input f, String name) {
        return f.has(name) ? f.optionalDecimal(name) : null;
    }

    private static Input read(InputStream body) {
        return Input.read(body, MAX_BODY);
    }

    private <T> T find(Class<T> type, String id) {
        T found = em.find(type, id);
        if (found == null || found instanceof TenantRecord r && r.softDeleted()) {
            throw Refusal.notFound(type.getSimpleName(), id);
        }
        return found;
    }

    /** The new record's id, then its visible snapshot (lifecycle snapshots keep the id elsewhere). */
    private Response created(WebhookRoot root) {
        publisher.publish();
        var body = Input.JSON.createObjectBuilder().add("id", root.webhookId());
        visible(root).forEach((k, v) -> {
            if (!k.equals("id")) {
                body.add(k, v);
            }
        });
        return Response.status(201).entity(body.build()).build();
    }

    private static JsonObject visible(WebhookRoot root) {
        return SnapshotRules.visible(root.webhookSnapshot());
    }

    /** Tiny JSON answers. */
    static final class Json {
        static JsonObject id(TenantRecord r) {
            return Input.JSON.createObjectBuilder().add("id", r.getId()).build();
        }
    }
}
