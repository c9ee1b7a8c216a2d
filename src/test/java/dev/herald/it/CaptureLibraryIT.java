package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The example application on EclipseLink, Payara's default provider: every capture rule
 * ({@link CaptureScenario}), and what the outbox promises: Herald stopped while the application
 * commits 100 changes, then started: all 100 arrive; the application killed with {@code kill -9}
 * right after a stream of commits, then restarted: every committed change arrives, and none twice
 * at Herald's ingest.
 */
class CaptureLibraryIT extends CaptureScenario {
    @BeforeAll
    static void start() throws Exception {
        launch("capture-eclipselink", System.getProperty("herald.exampleWar", "target/hiring.war"));
    }

    @Test
    @Order(20)
    void heraldStoppedWhileTheApplicationCommits100ChangesThenStartedAllArrive() throws Exception {
        application("tenant-down", "/cap/down");
        herald.stop();
        Set<String> committed = new java.util.LinkedHashSet<>();
        for (int i = 0; i < 100; i++) {
            committed.add(post("/domain/candidates", o("tenant_id", "tenant-down", "first_name", "Offline " + i), 201)
                    .getString("id"));
        }
        Thread.sleep(2000); // the relay finds Herald unreachable and backs off
        herald.start().awaitReady(Duration.ofMinutes(5));
        Waits.until(() -> messages("tenant-down", "can_candidate_created").size() >= 100, Duration.ofSeconds(90));
        Map<String, Long> perCandidate = messages("tenant-down", "can_candidate_created").stream()
                .collect(Collectors.groupingBy(m -> m.getJsonObject("payload").getString("id"), Collectors.counting()));
        assertEquals(committed, perCandidate.keySet(), "every change committed while Herald was down, and nothing else");
        assertTrue(perCandidate.values().stream().allMatch(n -> n == 1), "once each: " + perCandidate);
        Waits.until(() -> receiver.at("/cap/down").stream().map(r -> parse(r.body()).getString("id"))
                .collect(Collectors.toSet()).containsAll(committed), Duration.ofSeconds(60));
    }

    @Test
    @Order(21)
    void theApplicationKilledRightAfterAStreamOfCommitsLosesNoneAndDuplicatesNoneAtHerald() throws Exception {
        application("tenant-crash", "/cap/crash");
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger seq = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (sending.get()) {
                    int n = seq.incrementAndGet();
                    try {
                        Api.Answer a = app.post("/domain/candidates", o("tenant_id", "tenant-crash", "first_name",
                                "Stream " + n));
                        if (a.status() == 201) {
                            committed.add(a.json().getString("id"));
                        }
                    } catch (UncheckedIOException | IllegalStateException gone) {
                        // the application died under this request: its fate is unknown to the client
                    }
                }
            });
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (committed.size() < 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        hiring.kill();
        sending.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        int atHeraldBeforeRestart = messages("tenant-crash", "can_candidate_created").size();
        assertTrue(committed.size() >= 200, "the stream did not get going: " + committed.size());
        assertTrue(atHeraldBeforeRestart < committed.size(), "the kill came when the outbox was already empty");

        hiring.start().awaitReady(Duration.ofMinutes(5));
        Waits.until(() -> messages("tenant-crash", "can_candidate_created").stream()
                .map(m -> m.getJsonObject("payload").getString("id")).collect(Collectors.toSet()).containsAll(committed),
                Duration.ofSeconds(120));
        Thread.sleep(3000); // anything posted twice would show by now
        List<JsonObject> atHerald = messages("tenant-crash", "can_candidate_created");
        Map<String, Long> perCandidate = atHerald.stream()
                .collect(Collectors.groupingBy(m -> m.getJsonObject("payload").getString("id"), Collectors.counting()));
        Map<String, Long> perEventId = atHerald.stream()
                .collect(Collectors.groupingBy(m -> m.getString("eventId"), Collectors.counting()));
        Map<String, Long> twice = new HashMap<>(perCandidate);
        twice.values().removeIf(n -> n == 1);
        long reposted = hiring.log().lines().filter(l -> l.contains("Herald already had event")).count();
        System.out.printf("kill -9 of the application: %d commits answered 201, %d at Herald before the restart, "
                + "%d after it (%d whose answer the kill cut off), %d posted again after the restart and answered "
                + "409, %d twice%n", committed.size(), atHeraldBeforeRestart, atHerald.size(),
                atHerald.size() - committed.size(), reposted, twice.size());
        assertEquals(Map.of(), twice, "a change that reached Herald's ingest twice");
        assertEquals(atHerald.size(), perEventId.size(), "one message per eventId");
        // commits whose 201 the kill cut off may arrive too, but no more than the requests in flight
        assertTrue(atHerald.size() - committed.size() <= 4, "more messages than commits: " + atHerald.size());
        Waits.until(() -> receiver.at("/cap/crash").stream().map(r -> parse(r.body()).getString("id"))
                .collect(Collectors.toSet()).containsAll(committed), Duration.ofSeconds(120));
    }

}
