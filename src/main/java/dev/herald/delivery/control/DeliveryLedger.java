package dev.herald.delivery.control;

import dev.herald.delivery.entity.Attempt;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Times;
import dev.herald.subscription.control.EndpointDisabled;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
 * The two short transactions around an HTTP attempt: {@link #beginAll} claims the deliveries, and
 * {@link #finishAll} records the attempts and decides what comes next, each for all the attempts
 * that start or end together, in one transaction (group commit, through {@link LedgerBatches}). The HTTP call itself runs
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

    @Inject
    Event<EndpointDisabled> disabled;

    @Inject
    Event<AttemptSignal> signals;

    /** Claims several attempts in one transaction (group commit); a null for each stale or waiting ticket. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<DeliveryTask> beginAll(List<DeliveryQueue.Ticket> tickets) {
        List<DeliveryTask> tasks = new java.util.ArrayList<>(tickets.size());
        for (DeliveryQueue.Ticket t : tickets) {
            tasks.add(claim(t.deliveryId(), t.attempt()));
        }
        return tasks;
    }

    /**
     * Claims attempt {@code attempt} of a delivery, or answers null when the ticket is stale or
     * must wait: the delivery is gone, final, already past that attempt, being sent right now, or
     * its endpoint is paused or disabled (resuming or enabling queues it again).
     */
    private DeliveryTask claim(String deliveryId, int attempt) {
        Delivery d = em.find(Delivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || d.getStatus().isFinal() || d.getAttempts() + 1 != attempt) {
            return null;
        }
        Instant now = Times.now();
        Instant lostAt = d.getStatus() != DeliveryStatus.SENDING ? null
                : d.getSendingUntil() != null ? d.getSendingUntil()
                : d.getSendingSince() != null ? d.getSendingSince().plus(settings.inFlightLimit(null)) : null;
        if (lostAt != null && lostAt.isAfter(now)) {
            // Either another thread is sending it right now, or the instance that was sending it
            // died (the broker redelivers the unacknowledged ticket on restart). Look again once
            // no attempt can still be running; if one finished meanwhile, that ticket is stale.
            long wait = Duration.between(now, lostAt).toMillis();
            queue.enqueue(List.of(new DeliveryQueue.Ticket(d.getId(), d.getEndpoint().getId(), attempt, wait + 1000)));
            return null;
        }
        Endpoint endpoint = d.getEndpoint();
        if (endpoint.isPaused() || endpoint.isDisabled()) {
            return null;
        }
        boolean manual = d.nextIsManual();
        int position = d.nextChainPosition();
        var contract = endpoint.getContract();
        d.startAttempt(now, now.plus(settings.inFlightLimit(contract.timeoutMs())));
        var message = d.getMessage();
        RetrySchedule schedule = settings.scheduleFor(endpoint.getRetrySchedule(), endpoint.getApp().getRetrySchedule());
        return new DeliveryTask(d.getId(), message.getApp().getId(), message.getId(), endpoint.getId(),
                d.getUrlOverride() != null ? d.getUrlOverride() : endpoint.getUrl(), endpoint.signingSecrets(now),
                contract, message.getEventType(), message.getEventId(), message.getTimestamp(), message.getPayload(), attempt,
                position, manual, schedule);
    }

    /**
     * A test send: a message of its own and a delivery to this one endpoint only, already
     * marked as being sent, and a task with a single attempt and no retry. Nothing is queued.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public DeliveryTask beginTestSend(String endpointId, String eventType, String payloadJson) {
        Endpoint endpoint = em.find(Endpoint.class, endpointId);
        var message = new dev.herald.message.entity.Message(endpoint.getApp(), eventType, payloadJson, null);
        em.persist(message);
        Delivery d = new Delivery(message, endpoint);
        Instant now = Times.now();
        var contract = endpoint.getContract();
        d.restartChain(now); // a manual chain: the attempt is logged as triggered by a person
        d.startAttempt(now, now.plus(settings.inFlightLimit(contract.timeoutMs())));
        em.persist(d);
        return new DeliveryTask(d.getId(), endpoint.getApp().getId(), message.getId(), endpoint.getId(),
                endpoint.getUrl(), endpoint.signingSecrets(now), contract, eventType, null, message.getTimestamp(),
                payloadJson, 1, 1, true, RetrySchedule.parse("0", 0));
    }

    /** Logs a test send's attempt and closes its delivery; the endpoint's health marks stay as they are. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finishTestSend(DeliveryTask task, Outcome outcome) {
        Instant now = Times.now();
        em.persist(new Attempt(task.appId(), task.msgId(), task.eventType(), task.eventId(), task.endpointId(),
                task.deliveryId(), task.url(), task.attempt(), true, outcome.succeeded(), outcome.statusCode(),
                truncate(outcome.response()), outcome.durationMs(), now));
        Delivery d = em.find(Delivery.class, task.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        if (d != null) {
            if (outcome.succeeded()) {
                d.succeeded(now);
            } else {
                d.failed(now, null);
            }
        }
    }

    /** One attempt's result, for {@link #finishAll}. */
    public record Finished(DeliveryTask task, Outcome outcome) {
    }

    /** Records several attempts in one transaction (group commit). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<DeliveryStats.AttemptOutcome> finishAll(List<Finished> finished) {
        List<DeliveryStats.AttemptOutcome> done = new java.util.ArrayList<>(finished.size());
        for (Finished f : finished) {
            done.add(record(f.task(), f.outcome()));
        }
        return done;
    }

    private DeliveryStats.AttemptOutcome record(DeliveryTask task, Outcome outcome) {
        Instant now = Times.now();
        Attempt attempt = new Attempt(task.appId(), task.msgId(), task.eventType(), task.eventId(), task.endpointId(),
                task.deliveryId(), task.url(),
                task.attempt(), task.manual(), outcome.succeeded(), outcome.statusCode(), truncate(outcome.response()),
                outcome.durationMs(), now);
        em.persist(attempt);
        Delivery d = em.find(Delivery.class, task.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            // the endpoint was deleted meanwhile: log the attempt, owe nothing
            return outcome.succeeded() ? DeliveryStats.AttemptOutcome.SUCCEEDED : DeliveryStats.AttemptOutcome.EXHAUSTED;
        }
        Endpoint endpoint = d.getEndpoint();
        Instant failingSince = recordEndpointOutcome(endpoint, outcome.succeeded(), now);
        RetryPolicy.Decision decision = RetryPolicy.decide(outcome, task.retrySchedule(), task.contract().retryOn(),
                task.chainPosition(), settings.retryAfterCap(), ThreadLocalRandom.current());
        switch (decision.verdict()) {
            case SUCCEEDED -> d.succeeded(now);
            case RETRY -> {
                d.failed(now, now.plus(decision.delay()));
                queue.enqueue(List.of(new DeliveryQueue.Ticket(d.getId(), endpoint.getId(), task.attempt() + 1,
                        decision.delay().toMillis())));
            }
            case EXHAUSTED -> d.failed(now, null);
            case GONE -> {
                d.failed(now, null);
                disable(endpoint, "the receiver answered 410 Gone");
            }
        }
        // operational webhooks (issue 12) observe this; the ledger only says what happened
        AttemptSignal.kindOf(decision.verdict(), task.attempt()).ifPresent(kind -> signals.fire(new AttemptSignal(kind,
                task.appId(), task.msgId(), task.eventId(), task.endpointId(), attempt.getId(), outcome.statusCode(), now)));
        if (d.takeResendRequest(now)) {
            // a resend asked for while this attempt was under way (issue 12)
            queue.enqueue(List.of(new DeliveryQueue.Ticket(d.getId(), endpoint.getId(), task.attempt() + 1, 0)));
        }
        if (failingSince != null && !failingSince.plus(settings.autoDisableAfter()).isAfter(now)) {
            disable(endpoint, "every attempt has failed since " + failingSince);
        }
        return switch (decision.verdict()) {
            case SUCCEEDED -> DeliveryStats.AttemptOutcome.SUCCEEDED;
            case RETRY -> DeliveryStats.AttemptOutcome.FAILED_WILL_RETRY;
            case EXHAUSTED, GONE -> DeliveryStats.AttemptOutcome.EXHAUSTED;
        };
    }

    /*
     * Endpoint rows are shared by every concurrent attempt to that endpoint, so they are changed
     * with conditional bulk updates rather than through the versioned entity: two attempts ending
     * at once must not fail each other's transaction with an optimistic-lock conflict.
     */

    /** Keeps the endpoint's failing-since mark; answers it (null after a success). */
    private Instant recordEndpointOutcome(Endpoint endpoint, boolean success, Instant now) {
        if (success) {
            if (endpoint.getFailingSince() != null) {
                em.createQuery("update Endpoint e set e.failingSince = null where e.id = :id")
                        .setParameter("id", endpoint.getId()).executeUpdate();
            }
            return null;
        }
        if (endpoint.getFailingSince() != null) {
            return endpoint.getFailingSince();
        }
        em.createQuery("update Endpoint e set e.failingSince = :now where e.id = :id and e.failingSince is null")
                .setParameter("now", now).setParameter("id", endpoint.getId()).executeUpdate();
        return now;
    }

    /** Disables the endpoint once: only the attempt that flips the flag tells the operator. */
    private void disable(Endpoint endpoint, String reason) {
        int flipped = em.createQuery("update Endpoint e set e.disabled = true, e.updatedAt = :now "
                + "where e.id = :id and e.disabled = false")
                .setParameter("now", Times.now()).setParameter("id", endpoint.getId()).executeUpdate();
        if (flipped == 1) {
            disabled.fire(new EndpointDisabled(endpoint.getApp().getId(), endpoint.getId(), endpoint.getUrl(), reason));
        }
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
