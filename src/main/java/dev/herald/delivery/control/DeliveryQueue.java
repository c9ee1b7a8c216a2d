package dev.herald.delivery.control;

import dev.herald.platform.HeraldResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Collection;

/**
 * Puts delivery ids on the JMS queue. Called inside the caller's JTA transaction: the resource
 * adapter enlists the session, so the sends happen only if the transaction commits.
 *
 * <p>The ActiveMQ resource adapter has no JMS 2.0 simplified API ({@code createContext()},
 * {@code setDeliveryDelay()} throw), hence the classic API and the broker's
 * {@code AMQ_SCHEDULED_DELAY} property for delays.
 */
@ApplicationScoped
public class DeliveryQueue {
    public static final String ATTEMPT = "attempt";
    public static final String ENDPOINT = "endpoint";
    static final String SCHEDULED_DELAY = "AMQ_SCHEDULED_DELAY";

    @Resource(lookup = HeraldResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = HeraldResources.DELIVERY_QUEUE)
    Queue queue;

    /**
     * One ticket per delivery: run attempt {@code attempt} after {@code delayMillis}. The endpoint
     * travels along so the listener can apply per-endpoint limits without a database read.
     */
    public record Ticket(String deliveryId, String endpointId, int attempt, long delayMillis) {
        public Ticket later(long millis) {
            return new Ticket(deliveryId, endpointId, attempt, millis);
        }
    }

    public void enqueue(Collection<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return;
        }
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(queue)) {
            for (Ticket ticket : tickets) {
                TextMessage message = session.createTextMessage(ticket.deliveryId());
                message.setIntProperty(ATTEMPT, ticket.attempt());
                if (ticket.endpointId() != null) {
                    message.setStringProperty(ENDPOINT, ticket.endpointId());
                }
                if (ticket.delayMillis() > 0) {
                    message.setLongProperty(SCHEDULED_DELAY, ticket.delayMillis());
                }
                producer.send(message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot queue deliveries: " + e.getMessage(), e);
        }
    }
}
