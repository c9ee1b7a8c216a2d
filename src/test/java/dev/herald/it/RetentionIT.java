package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.io.File;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * The retention purge as an operator and an API client see it: history is made through the API
 * and delivered to a loopback receiver, some of it is dated back (a test-only probe), the purge
 * runs through its JMX operation, and the API shows what is gone and what stays.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class RetentionIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static final String APP = "retention";
    static final String MBEAN = "herald:type=Retention";
    static Receiver receiver;

    /** Delivered, then dated back 91 days with their history: purged, over several batches. */
    static final List<String> old = new ArrayList<>();
    /** Matches no endpoint (no delivery at all), dated back 91 days: purged. */
    static String oldWithoutDelivery;
    /** Dated back 89 days: inside the period, kept. */
    static String nearly;
    /** Not dated back: kept. */
    static String young;
    /** 100 days old itself, but its delivery finished today (as after a resend): kept. */
    static String resentLately;
    /** 91 days old and still owed a retry: kept, though its old attempt goes. */
    static String owed;
    static String okEndpoint;
    static String owedEndpoint;
    static String oldKeyMessage;
    static String youngKeyMessage;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("herald.war")))
                .addClasses(AgeingProbe.class, JmxProbe.class);
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
        return send(eventType, null);
    }

    String send(String eventType, String idempotencyKey) {
        Api.Answer accepted = api().post("/app/" + APP + "/msg", Json.createObjectBuilder().add("eventType", eventType)
                .add("payload", Json.createObjectBuilder().add("kind", eventType)).build().toString(), idempotencyKey);
        assertEquals(202, accepted.status(), accepted.body());
        return accepted.json().getString("id");
    }

    JsonArray attempts(String msgId) {
        Api.Answer answer = api().get("/app/" + APP + "/attempt/msg/" + msgId);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().getJsonArray("data");
    }

    int messageStatus(String msgId) {
        return api().get("/app/" + APP + "/msg/" + msgId).status();
    }

    void age(String msgId, int days, boolean history) {
        Api.Answer aged = api().post("/_test/age/msg/" + msgId + "?days=" + days + "&history=" + history, "", null);
        assertEquals(200, aged.status(), aged.body());
        assertEquals(1, aged.json().getInt("messages"), aged.body());
    }

    String query(String attributeOrOperation) {
        return attributeOrOperation + "?name=" + URLEncoder.encode(MBEAN, StandardCharsets.UTF_8);
    }

    String jmx(String attribute) {
        Api.Answer a = api().get("/_test/jmx/" + query(attribute));
        assertEquals(200, a.status(), a.body());
        return a.json().isNull("value") ? null : a.json().getString("value");
    }

    int setJmx(String attribute, int value) {
        return api().method("PUT", "/_test/jmx/" + query(attribute) + "&type=int&value=" + value, null).status();
    }

    String purgeNow() {
        Api.Answer a = api().post("/_test/jmx/" + query("purgeNow"), "", null);
        assertEquals(200, a.status(), a.body());
        return a.json().getString("value");
    }

    @Test
    @Order(1)
    void historyIsMadeThroughTheApi() {
        Api.Answer app = api().post("/app", Json.createObjectBuilder().add("name", "Retention").add("uid", APP).build());
        assertEquals(201, app.status(), app.body());
        okEndpoint = endpoint("/ok", "retention.ok", 0);
        // a 503 and a next try a day away: the delivery stays owed for the whole test
        owedEndpoint = endpoint("/status/503/owed", "retention.owed", 0, 86_400);

        for (int i = 0; i < 5; i++) {
            old.add(send("retention.ok"));
        }
        nearly = send("retention.ok");
        young = send("retention.ok");
        resentLately = send("retention.ok");
        owed = send("retention.owed");
        oldWithoutDelivery = send("retention.nobody");

        List<String> delivered = new ArrayList<>(old);
        delivered.addAll(List.of(nearly, young, resentLately, owed));
        Waits.until(() -> delivered.stream().allMatch(m -> attempts(m).size() == 1), Duration.ofSeconds(30));
        Waits.until(() -> "failed-will-retry".equals(api().get("/app/" + APP + "/delivery?endpoint=" + owedEndpoint)
                .json().getJsonArray("data").getJsonObject(0).getString("status")), Duration.ofSeconds(10));
    }

    @Test
    @Order(2)
    void idempotencyKeysAreStored() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
        oldKeyMessage = send("retention.nobody", "retention-old-key");
        Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        youngKeyMessage = send("retention.nobody", "retention-young-key");
        Api.Answer aged = api().post("/_test/age/idempotency?from=" + from + "&to=" + to + "&hours=25", "", null);
        assertEquals(200, aged.status(), aged.body());
        assertEquals(1, aged.json().getInt("records"), "only the old key's record is dated back");
    }

    @Test
    @Order(3)
    void thePurgeDeletesWhatIsOlderThanTheRetentionPeriodInBatches() {
        for (String m : old) {
            age(m, 91, true);
        }
        age(oldWithoutDelivery, 91, true);
        age(nearly, 89, true);
        age(resentLately, 100, false);
        age(owed, 91, true);

        assertEquals("90", jmx("RetentionDays"));
        assertEquals("1000", jmx("BatchSize"));
        assertEquals(204, setJmx("BatchSize", 2), "small batches, so the purge needs several");
        String summary = purgeNow();

        // 5 delivered + 1 owed attempt; 5 delivered + 1 without a delivery; 1 key
        assertEquals("6", jmx("LastPurgedAttempts"), summary);
        assertEquals("6", jmx("LastPurgedMessages"), summary);
        assertEquals("1", jmx("LastPurgedIdempotencyKeys"), summary);
        // attempts 2+2+2+0, messages 2+2+2+0, keys 1: a short batch ends each kind
        assertEquals("9", jmx("LastPurgeBatches"), summary);
        assertTrue(summary.contains("6 attempts") && summary.contains("6 messages"), summary);
        assertNotNull(jmx("LastPurgeAt"));
    }

    @Test
    @Order(4)
    void purgedMessagesAndTheirAttemptsAreGoneFromTheApi() {
        for (String m : old) {
            assertEquals(404, messageStatus(m), m);
            assertEquals(404, api().get("/app/" + APP + "/attempt/msg/" + m).status(), m);
        }
        assertEquals(404, messageStatus(oldWithoutDelivery));
        // the endpoint's log holds only the attempts of the kept messages
        JsonArray log = api().get("/app/" + APP + "/attempt/endpoint/" + okEndpoint).json().getJsonArray("data");
        assertEquals(List.of(nearly, young, resentLately).stream().sorted().toList(),
                log.stream().map(a -> a.asJsonObject().getString("msgId")).sorted().toList());
        // their deliveries went with them: the endpoint's view lists only the kept messages
        JsonArray deliveries = api().get("/app/" + APP + "/delivery?endpoint=" + okEndpoint).json().getJsonArray("data");
        assertEquals(3, deliveries.size(), deliveries.toString());
    }

    @Test
    @Order(5)
    void youngerMessagesStayWithTheirAttempts() {
        for (String m : List.of(nearly, young, resentLately)) {
            assertEquals(200, messageStatus(m), m);
            assertEquals(1, attempts(m).size(), m);
        }
    }

    @Test
    @Order(6)
    void aMessageStillOwedADeliveryStaysThoughItsOldAttemptGoes() {
        assertEquals(200, messageStatus(owed));
        assertEquals(0, attempts(owed).size(), "its 91-day-old attempt is past the period");
        JsonArray rows = api().get("/app/" + APP + "/delivery?endpoint=" + owedEndpoint).json().getJsonArray("data");
        assertEquals(1, rows.size());
        assertEquals("failed-will-retry", rows.getJsonObject(0).getString("status"));
    }

    @Test
    @Order(7)
    void anIdempotencyKeyOlderThanADayIsForgottenAndAYoungerOneStillReplays() {
        Api.Answer again = api().post("/app/" + APP + "/msg", Json.createObjectBuilder().add("eventType", "retention.nobody")
                .add("payload", Json.createObjectBuilder().add("kind", "retention.nobody")).build().toString(),
                "retention-young-key");
        assertEquals(youngKeyMessage, again.json().getString("id"), "replayed");
        assertNotEquals(oldKeyMessage, send("retention.nobody", "retention-old-key"), "a new message");
    }

    @Test
    @Order(8)
    void aSecondPurgeFindsNothingAndTheTotalsAddUp() {
        String summary = purgeNow();
        assertEquals("0", jmx("LastPurgedAttempts"), summary);
        assertEquals("0", jmx("LastPurgedMessages"), summary);
        assertEquals("0", jmx("LastPurgedIdempotencyKeys"), summary);
        assertEquals("6", jmx("TotalPurgedAttempts"));
        assertEquals("6", jmx("TotalPurgedMessages"));
        assertEquals("1", jmx("TotalPurgedIdempotencyKeys"));
        assertEquals(200, messageStatus(young));
        assertEquals(204, setJmx("BatchSize", 1000));
    }

    @Test
    @Order(9)
    void operatorsTuneTheRetentionPeriodAndSeeTheNextRun() {
        assertEquals(204, setJmx("RetentionDays", 30));
        assertEquals("30", jmx("RetentionDays"));
        assertEquals(400, setJmx("RetentionDays", 0), "a period under a day is refused");
        assertEquals(400, setJmx("BatchSize", 0));
        assertEquals(204, setJmx("RetentionDays", 90));
        Instant next = Instant.parse(jmx("NextScheduledPurge"));
        assertTrue(next.isAfter(Instant.now()) && next.isBefore(Instant.now().plus(Duration.ofHours(25))),
                "the daily timer is scheduled: " + next);
    }
}
