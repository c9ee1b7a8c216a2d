package dev.herald.delivery.control;

import dev.herald.platform.Times;
import dev.herald.delivery.entity.Attempt;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two short transactions around an HTTP attempt: {@link #begin} claims the delivery, and
 * {@link #finish} records the attempt and decides what comes next. The HTTP call itself runs
 * between them, outside any transaction, so a slow receiver holds no database connection.
 */
@ApplicationScoped
public class DeliveryLedger {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliverySettings settings;

    /**
     * Claims attempt {@code attempt} of a delivery, or answers null when the queue message is
     * stale: the delivery is gone, final, already past that attempt, or being sent right now.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public DeliveryTask begin(String deliveryId, int attempt) {
        Delivery d = em.find(Delivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || d.getStatus().isFinal() || d.getAttempts() + 1 != attempt) {
            return null;
        }
        Instant now = Times.now();
        Duration inFlightLimit = settings.requestTimeout().plus(settings.connectTimeout()).plusSeconds(30);
        if (d.getStatus() == DeliveryStatus.SENDING && d.getSendingSince() != null
                && d.getSendingSince().plus(inFlightLimit).isAfter(now)) {
            return null;
        }
        d.startAttempt(now);
        var endpoint = d.getEndpoint();
        var message = d.getMessage();
        return new DeliveryTask(d.getId(), message.getApp().getId(), message.getId(), endpoint.getId(),
                endpoint.getUrl(), endpoint.getSecret(), message.getPayload(), attempt);
    }

    /** Records the attempt; schedules the next one or marks the delivery final. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(DeliveryTask task, Outcome outcome) {
        Delivery d = em.find(Delivery.class, task.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = Times.now();
        em.persist(new Attempt(task.appId(), task.msgId(), task.endpointId(), task.deliveryId(), task.url(),
                task.attempt(), outcome.succeeded(), outcome.statusCode(), truncate(outcome.response()),
                outcome.durationMs(), now));
        if (d == null) {
            return; // the endpoint was deleted meanwhile: log the attempt, owe nothing
        }
        if (outcome.succeeded()) {
            d.succeeded(now);
            return;
        }
        Duration delay = RetrySchedule.isRetryable(outcome.statusCode())
                ? settings.schedule().delayBefore(task.attempt() + 1, ThreadLocalRandom.current())
                : null;
        d.failed(now, delay == null ? null : now.plus(delay));
        if (delay != null) {
            queue.enqueue(List.of(new DeliveryQueue.Ticket(d.getId(), task.attempt() + 1, delay.toMillis())));
        }
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
