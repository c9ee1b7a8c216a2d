package dev.herald.delivery.control;

import dev.herald.delivery.entity.Attempt;
import dev.herald.delivery.entity.Delivery;
import dev.herald.platform.Times;
import dev.herald.subscription.control.EndpointDisabled;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import dev.herald.message.control.RecentMessages;
import dev.herald.platform.HeraldResources;
import dev.herald.platform.Ids;
import dev.herald.subscription.control.EndpointView;
import dev.herald.subscription.control.EndpointViews;
import jakarta.annotation.Resource;
import dev.herald.platform.batch.OwnTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import javax.sql.DataSource;
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
    EndpointViews endpointViews;

    @Inject
    RecentMessages recent;

    /** The ledger's rows are written in JDBC transactions of its own, outside JTA (OwnTransaction). */
    @Resource(lookup = HeraldResources.DIRECT_DATASOURCE)
    DataSource direct;

    @Inject
    LedgerSignals ledgerSignals;

    @Inject
    SucceededRows succeededRows;

    private final ClearedMarks clearedMarks = new ClearedMarks();

    /** What a batch of claims came to: a task (or null) per ticket, and tickets to look at again later. */
    public record Claimed(List<DeliveryTask> tasks, List<DeliveryQueue.Ticket> recheck) {
    }

    /**
     * Claims several attempts in one transaction (group commit): one conditional update per
     * ticket, batched, that marks the row as being sent only if it is owed at exactly that
     * attempt and no other attempt is under way. Endpoints come from memory
     * ({@link EndpointViews}); a ticket with a hint whose message this instance just wrote needs
     * no read at all, any other is read by id. A task is null when its ticket is stale (the
     * delivery is gone, final or past that attempt) or must wait (its endpoint is paused or
     * disabled: resuming or enabling queues it again). A ticket whose delivery is being sent
     * right now elsewhere comes back in {@code recheck}, to be looked at once that attempt must
     * have ended.
     *
     * <p>A rowless ticket ({@link Destinations}) whose message is still young starts without a
     * claim, as {@link #fromIngest} does, only reading the message; an older one, whose ticket
     * may no longer be the only one, writes its row as being sent, and starts only if that row
     * was not there and no attempt was recorded. One that must wait gets a pending row.
     */
    public Claimed beginAll(List<DeliveryQueue.Ticket> tickets) {
        Instant now = Times.now();
        DeliveryTask[] tasks = new DeliveryTask[tickets.size()];
        List<DeliveryQueue.Ticket> recheck = new ArrayList<>();
        List<DeliveryRows.Claim> claims = new ArrayList<>();
        List<Integer> claimOf = new ArrayList<>();
        List<Integer> young = new ArrayList<>();
        List<Integer> late = new ArrayList<>();
        List<DeliveryRows.Owed> waiting = new ArrayList<>();
        List<String> endpointGone = new ArrayList<>();
        EndpointView[] views = new EndpointView[tickets.size()];
        for (int i = 0; i < tickets.size(); i++) {
            DeliveryQueue.Ticket t = tickets.get(i);
            boolean rowless = t.hint() != null && t.hint().rowless() && t.attempt() == 1;
            EndpointView view = t.endpointId() == null ? null : endpointViews.byId(t.endpointId());
            if (view == null || view.paused() || view.disabled()) {
                if (rowless && view != null) {
                    waiting.add(pendingRow(t, now));
                }
                if (view == null && t.endpointId() != null && !rowless) {
                    endpointGone.add(t.deliveryId());
                }
                continue;
            }
            views[i] = view;
            if (rowless) {
                RecentMessages.Cached m = recent.get(t.hint().msgId());
                if (m != null && young(m.timestamp(), now)) {
                    tasks[i] = task(t, view, m, null, now, true);
                } else {
                    young.add(i); // decided once its message is read
                }
                continue;
            }
            claims.add(new DeliveryRows.Claim(t.deliveryId(), t.attempt(),
                    now.plus(settings.inFlightLimit(view.contract().timeoutMs()))));
            claimOf.add(i);
        }
        if (claims.isEmpty() && young.isEmpty() && waiting.isEmpty() && endpointGone.isEmpty()) {
            return new Claimed(java.util.Arrays.asList(tasks), recheck);
        }
        try {
            OwnTransaction.run(direct, c -> {
                DeliveryRows.materialize(c, waiting, true, now);
                DeliveryRows.forgetOrphans(c, endpointGone);
                List<String> messageIds = new ArrayList<>();
                for (int i : young) {
                    messageIds.add(tickets.get(i).hint().msgId());
                }
                Map<String, RecentMessages.Cached> messages = messageIds.isEmpty() ? Map.of()
                        : DeliveryRows.loadMessages(c, messageIds);
                List<DeliveryRows.Owed> lateRows = new ArrayList<>();
                for (int i : young) {
                    DeliveryQueue.Ticket t = tickets.get(i);
                    RecentMessages.Cached m = messages.get(t.hint().msgId());
                    if (m == null) {
                        continue; // the message is gone (its application was deleted)
                    }
                    if (young(m.timestamp(), now)) {
                        tasks[i] = task(t, views[i], m, null, now, true);
                    } else {
                        late.add(i);
                        // due now, as any row being sent: a restart that finds its mark from the run
                        // before makes it wait again, and the sweep queues what is due
                        lateRows.add(new DeliveryRows.Owed(t.deliveryId(), m.id(), t.endpointId(), t.hint().urlOverride(),
                                "SENDING", 0, now, now.plus(settings.inFlightLimit(views[i].contract().timeoutMs()))));
                    }
                }
                boolean[] written = DeliveryRows.materialize(c, lateRows, true, now);
                for (int k = 0; k < late.size(); k++) {
                    int i = late.get(k);
                    DeliveryQueue.Ticket t = tickets.get(i);
                    if (written[k]) {
                        tasks[i] = task(t, views[i], messages.get(t.hint().msgId()), null, now, false);
                    } else {
                        // a row exists (a pause, a resend, the sweep) or the attempt was recorded: claim it as any other
                        claims.add(new DeliveryRows.Claim(t.deliveryId(), t.attempt(),
                                now.plus(settings.inFlightLimit(views[i].contract().timeoutMs()))));
                        claimOf.add(i);
                    }
                }
                boolean[] claimed = DeliveryRows.claim(c, claims, now);
                List<String> toRead = new ArrayList<>();
                RecentMessages.Cached[] cached = new RecentMessages.Cached[claimed.length];
                for (int k = 0; k < claimed.length; k++) {
                    DeliveryQueue.Ticket t = tickets.get(claimOf.get(k));
                    cached[k] = claimed[k] && t.hint() != null ? recent.get(t.hint().msgId()) : null;
                    if (cached[k] == null) {
                        toRead.add(t.deliveryId());
                    }
                }
                Map<String, DeliveryRows.Loaded> loaded = toRead.isEmpty() ? Map.of() : DeliveryRows.load(c, toRead);
                for (int k = 0; k < claimed.length; k++) {
                    int i = claimOf.get(k);
                    DeliveryQueue.Ticket t = tickets.get(i);
                    DeliveryRows.Loaded row = loaded.get(t.deliveryId());
                    if (claimed[k] && (cached[k] != null || row != null)) {
                        tasks[i] = task(t, views[i], cached[k], row, now, false);
                    } else if (row != null && "SENDING".equals(row.status()) && row.attempts() + 1 == t.attempt()
                            && row.sendingUntil() != null && row.sendingUntil().isAfter(now)) {
                        // Another thread or instance is sending it, or one that was died (the broker
                        // redelivers its ticket on restart). Look again once no attempt can still run.
                        recheck.add(t.later(Duration.between(now, row.sendingUntil()).toMillis() + 1000));
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim deliveries: " + e.getMessage(), e);
        }
        return new Claimed(java.util.Arrays.asList(tasks), recheck);
    }

    /**
     * Whether a rowless delivery's first attempt may still start on its ticket alone: the message
     * was accepted so recently that the attempt ends before anything else may act on the delivery
     * (the sweep waits for a whole in-flight limit after the message, see {@link RowlessSweep}).
     */
    static boolean young(Instant messageTime, Instant now) {
        return now.isBefore(messageTime.plus(DeliverySettings.START_MARGIN));
    }

    /** The pending row of a rowless delivery whose first attempt must wait. */
    private static DeliveryRows.Owed pendingRow(DeliveryQueue.Ticket t, Instant now) {
        return new DeliveryRows.Owed(t.deliveryId(), t.hint().msgId(), t.endpointId(), t.hint().urlOverride(), "PENDING", 0,
                now, null);
    }

    /**
     * The task of a rowless ticket whose message this instance just wrote, when it is young
     * enough to start on its ticket alone: no transaction at all. Null otherwise, and then the
     * ticket goes through {@link #beginAll}.
     */
    public DeliveryTask fromIngest(DeliveryQueue.Ticket t) {
        DeliveryQueue.Hint hint = t.hint();
        if (hint == null || !hint.rowless() || t.attempt() != 1 || t.endpointId() == null) {
            return null;
        }
        Instant now = Times.now();
        RecentMessages.Cached m = recent.get(hint.msgId());
        if (m == null || !young(m.timestamp(), now)) {
            return null;
        }
        EndpointView view = endpointViews.byId(t.endpointId());
        if (view == null || view.paused() || view.disabled()) {
            return null;
        }
        return task(t, view, m, null, now, true);
    }

    /** The task of a claimed ticket, from its hint and the message in memory, else from its row. */
    private DeliveryTask task(DeliveryQueue.Ticket t, EndpointView endpoint, RecentMessages.Cached m,
            DeliveryRows.Loaded row, Instant now, boolean rowless) {
        RetrySchedule schedule = settings.scheduleFor(endpoint.retrySchedule(), null);
        List<String> secrets = endpoint.signingSecrets(now);
        if (m != null) {
            if (t.attempt() == 1) {
                recent.firstAttemptStarted(m.id()); // no longer needed in memory once every first attempt has it
            }
            DeliveryQueue.Hint hint = t.hint();
            return new DeliveryTask(t.deliveryId(), m.appId(), m.id(), endpoint.id(),
                    hint.urlOverride() != null ? hint.urlOverride() : endpoint.url(), secrets, endpoint.contract(),
                    m.eventType(), m.eventId(), m.timestamp(), m.payload(), t.attempt(), hint.chainPosition(),
                    hint.manual(), schedule, hint.urlOverride(), rowless);
        }
        int attemptsBefore = t.attempt() - 1;
        return new DeliveryTask(t.deliveryId(), row.appId(), row.msgId(), endpoint.id(),
                row.urlOverride() != null ? row.urlOverride() : endpoint.url(), secrets, endpoint.contract(),
                row.eventType(), row.eventId(), row.timestamp(), row.payload(), t.attempt(),
                t.attempt() - row.chainStart(), row.manualChain() && attemptsBefore == row.chainStart(), schedule,
                row.urlOverride(), false);
    }

    /** Pending rows for rowless tickets dropped while all delivery is paused: resuming queues them. */
    public void waitAsPending(List<DeliveryQueue.Ticket> tickets) {
        Instant now = Times.now();
        try {
            OwnTransaction.run(direct, c -> {
                DeliveryRows.materialize(c, tickets.stream().map(t -> pendingRow(t, now)).toList(), true, now);
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write pending deliveries: " + e.getMessage(), e);
        }
    }

    /** The head of an ordered endpoint's line: what it owes first, and how much in all. */
    public record Head(String deliveryId, String msgId, String status, int attempts, Instant nextAttemptAt,
            Instant sendingUntil, long owed) {
    }

    /** The oldest delivery the endpoint owes, or null when it owes nothing. */
    public Head head(String endpointId) {
        try {
            DeliveryRows.Head h = OwnTransaction.run(direct, c -> DeliveryRows.head(c, endpointId));
            return h == null ? null : new Head(h.deliveryId(), h.msgId(), h.status(), h.attempts(), h.nextAttemptAt(),
                    h.sendingUntil(), h.owed());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the endpoint's line: " + e.getMessage(), e);
        }
    }

    /** Gives up on a delivery that waits for a retry (an operator skipping a stuck head); false while it is being sent. */
    public boolean skip(String deliveryId) {
        try {
            return OwnTransaction.run(direct, c -> DeliveryRows.skip(c, deliveryId, Times.now()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot skip the delivery: " + e.getMessage(), e);
        }
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
                payloadJson, 1, 1, true, RetrySchedule.parse("0", 0), null, false);
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

    /** What a batch of records came to: an outcome per attempt, and the retries to queue after the commit. */
    public record Recorded(List<DeliveryStats.AttemptOutcome> outcomes, List<DeliveryQueue.Ticket> retries) {
    }

    /**
     * Records several attempts in one transaction (group commit): the attempt rows in one batch,
     * and each delivery row moved on only if it is still at that attempt, so a duplicate ticket
     * that got through (at least once) cannot record the same attempt twice. The retries' tickets
     * are queued by the caller once this has committed.
     */
    public Recorded finishAll(List<Finished> finished) {
        Instant now = Times.now();
        List<DeliveryRows.AttemptRow> attempts = new ArrayList<>(finished.size());
        List<DeliveryRows.Ending> endings = new ArrayList<>(finished.size());
        List<RetryPolicy.Decision> decisions = new ArrayList<>(finished.size());
        for (Finished f : finished) {
            DeliveryTask task = f.task();
            Outcome outcome = f.outcome();
            attempts.add(new DeliveryRows.AttemptRow(Ids.next("atmpt"), task.appId(), task.attempt(), task.deliveryId(),
                    task.endpointId(), task.eventId(), task.eventType(), task.msgId(), truncate(outcome.response()),
                    outcome.durationMs(), outcome.statusCode(), outcome.succeeded() ? Attempt.SUCCESS : Attempt.FAIL, now,
                    task.manual() ? 1 : 0, task.url()));
            RetryPolicy.Decision decision = RetryPolicy.decide(outcome, task.retrySchedule(), task.contract().retryOn(),
                    task.chainPosition(), settings.retryAfterCap(), ThreadLocalRandom.current());
            decisions.add(decision);
            endings.add(switch (decision.verdict()) {
                case SUCCEEDED -> new DeliveryRows.Ending(task.deliveryId(), task.attempt(), "SUCCEEDED", null);
                case RETRY -> new DeliveryRows.Ending(task.deliveryId(), task.attempt(), "FAILED_WILL_RETRY",
                        now.plus(decision.delay()));
                case EXHAUSTED, GONE -> new DeliveryRows.Ending(task.deliveryId(), task.attempt(), "EXHAUSTED", null);
            });
        }
        List<DeliveryStats.AttemptOutcome> outcomes = new ArrayList<>(finished.size());
        List<DeliveryQueue.Ticket> retries = new ArrayList<>();
        List<AttemptSignal> toSignal = new ArrayList<>();
        List<EndpointDisabled> toDisable = new ArrayList<>();
        List<DeliveryRows.Owed> succeededRowless = new ArrayList<>();
        List<String> toClear = new ArrayList<>();
        long clearedAt = System.nanoTime();
        try {
            OwnTransaction.run(direct, c -> {
                // A first attempt that started without a row and succeeded has no row to end:
                // nothing is owed, and SucceededRows writes its row a moment later, ending instead
                // a row written meanwhile (the sweep, a resend asked during the attempt). Asking
                // anyway cost two updates per message that changed nothing (on PostgreSQL, two
                // of its five statements per message).
                List<Integer> toEnd = new ArrayList<>(finished.size());
                for (int i = 0; i < finished.size(); i++) {
                    if (!(finished.get(i).task().rowless() && decisions.get(i).verdict() == RetryPolicy.Verdict.SUCCEEDED)) {
                        toEnd.add(i);
                    }
                }
                DeliveryRows.Ended ended = DeliveryRows.end(c, toEnd.stream().map(endings::get).toList(), now);
                boolean[] applied = new boolean[finished.size()];
                for (int k = 0; k < toEnd.size(); k++) {
                    applied[toEnd.get(k)] = ended.applied()[k];
                }
                rowless(c, finished, decisions, endings, applied, succeededRowless, now);
                DeliveryRows.insertAttempts(c, attempts);
                java.util.Set<String> succeeded = new java.util.LinkedHashSet<>();
                java.util.Map<String, Instant> failing = new java.util.HashMap<>();
                for (int i = 0; i < finished.size(); i++) {
                    DeliveryTask task = finished.get(i).task();
                    RetryPolicy.Decision decision = decisions.get(i);
                    if (decision.verdict() == RetryPolicy.Verdict.SUCCEEDED) {
                        succeeded.add(task.endpointId());
                    } else if (!failing.containsKey(task.endpointId())) {
                        clearedMarks.marking(task.endpointId());
                        failing.put(task.endpointId(), DeliveryRows.markFailing(c, task.endpointId(), now));
                    }
                    if (decision.verdict() == RetryPolicy.Verdict.RETRY && applied[i]) {
                        retries.add(new DeliveryQueue.Ticket(task.deliveryId(), task.endpointId(), task.attempt() + 1,
                                decision.delay().toMillis(), new DeliveryQueue.Hint(task.msgId(), task.chainPosition() + 1,
                                        false, task.urlOverride())));
                    }
                    if (decision.verdict() == RetryPolicy.Verdict.GONE) {
                        disable(c, task, "the receiver answered 410 Gone", now, toDisable);
                    }
                    outcomes.add(switch (decision.verdict()) {
                        case SUCCEEDED -> DeliveryStats.AttemptOutcome.SUCCEEDED;
                        case RETRY -> DeliveryStats.AttemptOutcome.FAILED_WILL_RETRY;
                        case EXHAUSTED, GONE -> DeliveryStats.AttemptOutcome.EXHAUSTED;
                    });
                }
                // operational webhooks (issue 12) observe these; the ledger only says what happened
                for (int i = 0; i < finished.size(); i++) {
                    if (!applied[i]) {
                        continue;
                    }
                    DeliveryTask task = finished.get(i).task();
                    DeliveryRows.AttemptRow row = attempts.get(i);
                    AttemptSignal.kindOf(decisions.get(i).verdict(), task.attempt()).ifPresent(kind -> toSignal.add(
                            new AttemptSignal(kind, task.appId(), task.msgId(), task.eventId(), task.endpointId(), row.id(),
                                    row.statusCode(), now)));
                }
                // resends asked for while these attempts were under way start their chains now
                java.util.Set<String> resent = ended.resent();
                if (!resent.isEmpty()) {
                    retries.removeIf(r -> resent.contains(r.deliveryId()));
                    for (Finished f : finished) {
                        if (resent.contains(f.task().deliveryId())) {
                            retries.add(new DeliveryQueue.Ticket(f.task().deliveryId(), f.task().endpointId(),
                                    f.task().attempt() + 1, 0));
                        }
                    }
                }
                // an endpoint that both failed and succeeded in this batch is not failing
                succeeded.forEach(failing::remove);
                toClear.addAll(clearedMarks.mayBeMarked(succeeded, System.nanoTime()));
                DeliveryRows.clearFailing(c, toClear);
                for (var e : failing.entrySet()) {
                    Instant since = e.getValue();
                    if (since != null && !since.plus(settings.autoDisableAfter()).isAfter(now)) {
                        DeliveryTask any = finished.stream().map(Finished::task)
                                .filter(t -> t.endpointId().equals(e.getKey())).findFirst().orElseThrow();
                        disable(c, any, "every attempt has failed since " + since, now, toDisable);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record attempts: " + e.getMessage(), e);
        }
        clearedMarks.cleared(toClear, clearedAt);
        succeededRows.add(succeededRowless);
        // Observers (operational webhooks, the endpoint's disabled reason) write in a JTA
        // transaction of their own, after the record: only when there is something to tell. The
        // record has committed, so a failure here must not fail the batch (the group commit would
        // run it again and log every attempt twice): the notice is lost, the record is not.
        try {
            if (!toDisable.isEmpty()) {
                endpointViews.invalidate();
            }
            if (!toSignal.isEmpty() || !toDisable.isEmpty()) {
                ledgerSignals.fire(toSignal, toDisable);
            }
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(DeliveryLedger.class.getName()).log(java.util.logging.Level.WARNING,
                    "Attempts recorded, but " + toSignal.size() + " operational signals and " + toDisable.size()
                            + " disabled-endpoint notices could not be sent", e);
        }
        return new Recorded(outcomes, retries);
    }

    /**
     * The first attempts that started without a row ({@link Destinations}) and found none to end:
     * a failure writes the delivery's row now, as the retry or the end needs it; a success needs
     * none for what is owed, and its row is written later with many others
     * ({@link SucceededRows}); either counts as applied.
     */
    private static void rowless(Connection c, List<Finished> finished, List<RetryPolicy.Decision> decisions,
            List<DeliveryRows.Ending> endings, boolean[] applied, List<DeliveryRows.Owed> succeededRowless, Instant now)
            throws SQLException {
        List<DeliveryRows.Owed> failed = new ArrayList<>();
        List<Integer> failedAt = new ArrayList<>();
        for (int i = 0; i < finished.size(); i++) {
            DeliveryTask task = finished.get(i).task();
            if (applied[i] || !task.rowless()) {
                continue;
            }
            DeliveryRows.Ending e = endings.get(i);
            DeliveryRows.Owed row = new DeliveryRows.Owed(task.deliveryId(), task.msgId(), task.endpointId(),
                    task.urlOverride(), e.status(), 1, e.nextAttemptAt(), null);
            if (decisions.get(i).verdict() == RetryPolicy.Verdict.SUCCEEDED) {
                succeededRowless.add(row);
                applied[i] = true;
            } else {
                failed.add(row);
                failedAt.add(i);
            }
        }
        boolean[] written = DeliveryRows.materialize(c, failed, false, now);
        for (int k = 0; k < written.length; k++) {
            applied[failedAt.get(k)] = written[k];
        }
    }

    /** Disables the endpoint once: only the attempt that flips the flag tells the operator (after the commit). */
    private void disable(Connection c, DeliveryTask task, String reason, Instant now, List<EndpointDisabled> toDisable)
            throws SQLException {
        if (DeliveryRows.disable(c, task.endpointId(), now)) {
            EndpointView view = endpointViews.byId(task.endpointId());
            toDisable.add(new EndpointDisabled(task.appId(), task.endpointId(), view == null ? task.url() : view.url(),
                    reason));
        }
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
