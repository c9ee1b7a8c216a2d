package dev.herald.delivery.control;

import dev.herald.platform.HeraldResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Puts delivery tickets on the JMS queue. Inside a JTA transaction the resource adapter enlists
 * the session, so the sends happen only if the transaction commits; outside one (the ingest and
 * record writers call it right after their commit) each send is on its own, and the rows, already
 * committed, are the truth if it is lost (see Sweeper).
 *
 * <p>Tickets due now travel together, up to {@link #PER_MESSAGE} in one JMS message, one line
 * each: a batch of ingested messages costs the broker one message, not one per delivery, and
 * a non-persistent one (see {@link #send}). A ticket with a delay (a retry) is a message of its own, scheduled by the broker
 * ({@code AMQ_SCHEDULED_DELAY}). The resource adapter has no JMS 2.0 simplified API
 * ({@code createContext()}, {@code setDeliveryDelay()} throw), hence the classic API.
 */
@ApplicationScoped
public class DeliveryQueue {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DeliveryQueue.class.getName());

    /** Set on tickets written before tickets had lines; still read, never written. */
    public static final String ATTEMPT = "attempt";
    public static final String ENDPOINT = "endpoint";
    static final String TICKETS = "tickets";
    static final String SCHEDULED_DELAY = "AMQ_SCHEDULED_DELAY";
    static final int PER_MESSAGE = 256;

    @Resource(lookup = HeraldResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = HeraldResources.DELIVERY_QUEUE)
    Queue queue;

    /**
     * What the producer of a ticket already knows, so the attempt needs no read of the delivery
     * row: the message, the attempt's place in its retry chain, whether a person asked for it,
     * and the delivery's URL override. Tickets of the sweeper and of resends go without one.
     * {@code rowless}: ingest wrote no row for the delivery, only its message's destinations
     * ({@link Destinations}); the ticket is the first attempt's claim while the message is young.
     * (Its flag was "claimed" before V8, for a row written as being sent: such a ticket finds its
     * row and claims it as any other.)
     */
    public record Hint(String msgId, int chainPosition, boolean manual, String urlOverride, boolean rowless) {
        public Hint(String msgId, int chainPosition, boolean manual, String urlOverride) {
            this(msgId, chainPosition, manual, urlOverride, false);
        }
    }

    /** Run attempt {@code attempt} of a delivery after {@code delayMillis}; the endpoint travels for per-endpoint limits. */
    public record Ticket(String deliveryId, String endpointId, int attempt, long delayMillis, Hint hint) {
        public Ticket(String deliveryId, String endpointId, int attempt, long delayMillis) {
            this(deliveryId, endpointId, attempt, delayMillis, null);
        }

        public Ticket later(long millis) {
            return new Ticket(deliveryId, endpointId, attempt, millis, hint);
        }

        /** {@code dlv ep attempt [msg chainPosition flags [urlOverride]]}, flags 1 manual, 2 rowless: ids and URLs hold no spaces. */
        String line() {
            StringBuilder b = new StringBuilder(96).append(deliveryId).append(' ').append(endpointId).append(' ')
                    .append(attempt);
            if (hint != null) {
                b.append(' ').append(hint.msgId()).append(' ').append(hint.chainPosition()).append(' ')
                        .append((hint.manual() ? 1 : 0) | (hint.rowless() ? 2 : 0));
                if (hint.urlOverride() != null) {
                    b.append(' ').append(hint.urlOverride());
                }
            }
            return b.toString();
        }

        static Ticket parse(String line) {
            String[] f = line.split(" ", 7);
            int flags = f.length >= 6 ? Integer.parseInt(f[5]) : 0;
            Hint hint = f.length >= 6 ? new Hint(f[3], Integer.parseInt(f[4]), (flags & 1) != 0, f.length == 7 ? f[6] : null,
                    (flags & 2) != 0) : null;
            return new Ticket(f[0], f[1], Integer.parseInt(f[2]), 0, hint);
        }
    }

    /** The tickets a queue message carries. */
    public static List<Ticket> read(Message message) throws JMSException {
        if (!(message instanceof TextMessage text) || text.getText() == null) {
            return List.of();
        }
        if (message.propertyExists(ATTEMPT)) {
            // one ticket, as written before tickets had lines
            return List.of(new Ticket(text.getText(), message.getStringProperty(ENDPOINT), message.getIntProperty(ATTEMPT), 0));
        }
        if (!message.propertyExists(TICKETS)) {
            return List.of();
        }
        List<Ticket> tickets = new ArrayList<>();
        for (String line : text.getText().split("\n")) {
            if (!line.isEmpty()) {
                tickets.add(Ticket.parse(line));
            }
        }
        return tickets;
    }

    /**
     * The session and producer a thread keeps between its enqueues ({@link #keepProducer}).
     * Opening them for every call cost the broker an AddProducer and a RemoveInfo round trip
     * each time: about 3 % of Herald's CPU under load, on the ingest's answering thread and on
     * the broker's transport (async-profiler). Given back after {@link #MAX_IDLE_NANOS} idle,
     * and after any failure, so that a broker restart or a cut connection costs one failed
     * enqueue (whose rows the sweeper queues), as without it.
     */
    private static final class Kept {
        Connection connection;
        Session session;
        MessageProducer producer;
        long lastUsed;

        /** Opens all three; on a failure, enqueue closes what was opened. */
        void open(ConnectionFactory factory, Queue queue) throws JMSException {
            connection = factory.createConnection();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(queue);
        }

        void close() {
            try {
                if (connection != null) {
                    connection.close(); // closes its session and producer
                }
            } catch (JMSException | RuntimeException e) {
                // already closed under us (the broker or the adapter stopped): nothing to give back
            }
            connection = null;
            session = null;
            producer = null;
        }
    }

    static final long MAX_IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private final ThreadLocal<Kept> kept = new ThreadLocal<>();

    /**
     * From now on, this thread keeps one session and producer for its enqueues, until
     * {@link #releaseProducer}. Only for a long-lived thread that enqueues outside any JTA
     * transaction (the resource adapter enlists a session when it is created, so a kept one
     * would never join a later transaction).
     */
    public void keepProducer() {
        if (kept.get() == null) {
            kept.set(new Kept());
        }
    }

    /** Closes what this thread kept ({@link #keepProducer}); its later enqueues open their own again. */
    public void releaseProducer() {
        Kept k = kept.get();
        if (k != null) {
            k.close();
            kept.remove();
        }
    }

    /**
     * Queues tickets for rows that are already committed. If the broker refuses them now, the
     * rows still say what is owed and the sweeper queues them again: the caller's commit must not
     * look failed (a group commit would run its batch a second time), so this logs and returns.
     */
    public void enqueueCommitted(Collection<Ticket> tickets) {
        try {
            enqueue(tickets);
        } catch (RuntimeException e) {
            LOG.warning("Could not queue " + tickets.size() + " tickets; the sweeper will: " + e.getMessage());
        }
    }

    public void enqueue(Collection<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return;
        }
        Kept k = kept.get();
        boolean ownCall = k == null; // a thread that keeps nothing opens them for this call only
        if (ownCall) {
            k = new Kept();
        }
        boolean sent = false;
        try {
            if (k.producer != null && System.nanoTime() - k.lastUsed > MAX_IDLE_NANOS) {
                k.close();
            }
            if (k.producer == null) {
                k.open(connectionFactory, queue);
            }
            sendAll(k.session, k.producer, tickets);
            k.lastUsed = System.nanoTime();
            sent = true;
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot queue deliveries: " + e.getMessage(), e);
        } finally {
            if (ownCall || !sent) {
                k.close(); // a failed one is not kept: the next enqueue opens afresh
            }
        }
    }

    private static void sendAll(Session session, MessageProducer producer, Collection<Ticket> tickets) throws JMSException {
        StringBuilder now = new StringBuilder();
        int inNow = 0;
        for (Ticket ticket : tickets) {
            if (ticket.delayMillis() > 0) {
                TextMessage later = session.createTextMessage(ticket.line());
                later.setIntProperty(TICKETS, 1);
                later.setLongProperty(SCHEDULED_DELAY, ticket.delayMillis());
                producer.send(later);
                continue;
            }
            now.append(ticket.line()).append('\n');
            if (++inNow == PER_MESSAGE) {
                send(session, producer, now, inNow);
                now.setLength(0);
                inNow = 0;
            }
        }
        if (inNow > 0) {
            send(session, producer, now, inNow);
        }
    }

    /**
     * Tickets due now go non-persistent: the rows they point at are already committed and are
     * the truth, so a ticket the broker loses (only when the broker itself goes down) delays its
     * delivery until the sweeper finds the row (at once after a restart of the embedded broker,
     * which is a restart of Herald); it never loses it. A persistent message cost the broker a
     * journal write and a disk sync on every ingest batch. A ticket with a delay stays persistent:
     * the broker's scheduler is where a retry waits.
     */
    private static void send(Session session, MessageProducer producer, StringBuilder lines, int count)
            throws JMSException {
        TextMessage message = session.createTextMessage(lines.toString());
        message.setIntProperty(TICKETS, count);
        producer.send(message, DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
    }
}
