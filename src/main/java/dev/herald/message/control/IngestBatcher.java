package dev.herald.message.control;

import dev.herald.message.entity.Message;
import dev.herald.platform.batch.GroupCommit;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for the API's ingest: requests that arrive together share one transaction, and
 * each answers 202 only once that transaction has committed. A commit, with the broker's journal
 * write that goes with it, is the dearest part of a message; under load the batch shares it.
 */
@ApplicationScoped
public class IngestBatcher {
    static final int MAX_BATCH = 64;

    /** One request's message. */
    public record Work(String appId, String eventType, String payload, String eventId, Set<String> channels,
            Map<String, String> endpointUrls) {
    }

    @Inject
    BatchWriter writer;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "herald.ingest.writers", defaultValue = "2")
    int writers;

    private GroupCommit<Work, Message> group;

    @PostConstruct
    void start() {
        group = new GroupCommit<Work, Message>("ingest", writer::write, writers, MAX_BATCH, 10_000, threads).start();
    }

    @PreDestroy
    void stop() {
        group.stop();
    }

    /** Writes the message with whatever else arrives now; answers it once committed, or throws its problem. */
    public Message accept(String appId, String eventType, String payload, String eventId, Set<String> channels,
            Map<String, String> endpointUrls, long timeoutMillis) {
        try {
            return group.submit(new Work(appId, eventType, payload, eventId, channels, endpointUrls), timeoutMillis);
        } catch (GroupCommit.Busy e) {
            // A 5xx: Svix SDKs retry it with the same idempotency key (a 5xx releases the key).
            throw new Problem(ProblemType.UNAVAILABLE, "The message could not be written now (" + e.getMessage()
                    + "); retry with the same Idempotency-Key or eventId");
        }
    }
}
